/** One field that an audited change touched. */
export interface FieldChange {
  field: string
  before: unknown
  after: unknown
}

// Bookkeeping that changes on every write and says nothing to a reader.
// `permissions` follow from `roles`, which are shown instead.
const IGNORED_FIELDS = new Set(['updated_at', 'version', 'created_at', 'id', 'permissions'])

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null)
}

/** The fields that differ between an audit row's `before` and `after` (either may be null). */
export function changedFields(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): FieldChange[] {
  const keys = new Set([...Object.keys(after ?? {}), ...Object.keys(before ?? {})])
  const changes: FieldChange[] = []
  for (const field of keys) {
    if (IGNORED_FIELDS.has(field)) continue
    const b = before?.[field]
    const a = after?.[field]
    if (before && after && same(a, b)) continue
    changes.push({ field, before: b, after: a })
  }
  return changes
}

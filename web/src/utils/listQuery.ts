import type { LocationQuery, LocationQueryRaw } from 'vue-router'

/** A list page's filters: every value a string, '' meaning "any". */
export type FilterValues = Record<string, string>

export const DEFAULT_PAGE_SIZE = 20
export const PAGE_SIZES = [20, 50, 100] as const

function single(value: LocationQuery[string] | undefined): string | undefined {
  const first = Array.isArray(value) ? value[0] : value
  return typeof first === 'string' ? first : undefined
}

/** An address parameter as text, '' when absent. */
export function queryText(value: LocationQuery[string] | undefined): string {
  return single(value) ?? ''
}

/** The filters the address holds (known keys only), defaults for the rest. */
export function filtersFromQuery<F extends FilterValues>(query: LocationQuery, defaults: F): F {
  const out = { ...defaults }
  for (const key of Object.keys(defaults) as (keyof F & string)[]) {
    const value = single(query[key])
    if (value !== undefined) out[key] = value as F[typeof key]
  }
  return out
}

/** Page and page size from the address, within what the server accepts. */
export function pagingFromQuery(query: LocationQuery): { page: number; pageSize: number } {
  const page = Number(single(query.page))
  const size = Number(single(query.size))
  return {
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    pageSize: (PAGE_SIZES as readonly number[]).includes(size) ? size : DEFAULT_PAGE_SIZE,
  }
}

/** The address query for a list's state: only what differs from the defaults, so links stay short. */
export function queryFromState<F extends FilterValues>(
  filters: F,
  defaults: F,
  page: number,
  pageSize: number,
): LocationQueryRaw {
  const query: LocationQueryRaw = {}
  for (const [key, raw] of Object.entries(filters)) {
    const value = String(raw ?? '')
    if (value !== defaults[key] && value !== '') query[key] = value
    // A default that the user cleared must be remembered as cleared.
    else if (value === '' && defaults[key] !== '') query[key] = ''
  }
  if (page > 1) query.page = String(page)
  if (pageSize !== DEFAULT_PAGE_SIZE) query.size = String(pageSize)
  return query
}

/** The filters to send to the server: empty ones left out, text trimmed. */
export function serverFilters(filters: FilterValues): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [key, value] of Object.entries(filters)) {
    const text = String(value ?? '').trim()
    if (text) out[key] = text
  }
  return out
}

// The brief templates' placeholders: which are words of the brief itself
// ({region}, {period}), which name figures, and which the page cannot place.

/** Placeholders every section may use besides figure codes. */
export const WORDS = ['region', 'period', 'as_of'] as const

/** The placeholders of a template body, each once, in order: `{code}` and `{code|单位}` give `code`. */
export function placeholdersOf(body: string): string[] {
  const found: string[] = []
  for (const match of body.matchAll(/\{([^{}|]+)(?:\|[^{}]*)?\}/g)) {
    const name = match[1].trim()
    if (!found.includes(name)) found.push(name)
  }
  return found
}

/**
 * The placeholders of a section's body that are neither a figure code nor
 * one of the brief's words nor `{items:…}` / `{table:children}`: most likely
 * misspelt, they would state nothing.
 */
export function unknownPlaceholders(body: string, figureCodes: ReadonlySet<string>): string[] {
  return placeholdersOf(body).filter(
    (name) => !figureCodes.has(name) && !(WORDS as readonly string[]).includes(name) && !name.startsWith('items:') && name !== 'table:children',
  )
}

/** Places text into a body at a selection (replacing it); answers the new body and where the cursor goes. */
export function insertAt(body: string, text: string, start: number, end: number): { body: string; cursor: number } {
  const from = Math.max(0, Math.min(start, body.length))
  const to = Math.max(from, Math.min(end, body.length))
  return { body: body.slice(0, from) + text + body.slice(to), cursor: from + text.length }
}

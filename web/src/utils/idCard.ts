// A pre-check of the 18-character resident ID number (GB 11643-1999) before the
// server, which remains the judge, sees it.

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK_CHARS = '10X98765432'

export type IdCardProblem = 'length' | 'characters' | 'birth_date' | 'check_digit'

/** The check character that the first 17 digits call for. */
export function idCardCheckChar(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]
  return CHECK_CHARS[sum % 11]
}

/** Upper-cases the trailing x and drops spaces people paste in. */
export function normalizeIdCard(value: string): string {
  return value.replace(/\s+/g, '').toUpperCase()
}

function validDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day))
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
}

/** What is wrong with an ID number, or null when it passes the pre-check. */
export function checkIdCard(value: string, today: Date = new Date()): IdCardProblem | null {
  const id = normalizeIdCard(value)
  if (id.length !== 18) return 'length'
  if (!/^\d{17}[\dX]$/.test(id)) return 'characters'
  const year = Number(id.slice(6, 10))
  const month = Number(id.slice(10, 12))
  const day = Number(id.slice(12, 14))
  if (year < 1900 || !validDate(year, month, day)) return 'birth_date'
  if (Date.UTC(year, month - 1, day) > today.getTime()) return 'birth_date'
  if (idCardCheckChar(id) !== id[17]) return 'check_digit'
  return null
}

/** Birth date (YYYY-MM-DD) and gender that a valid ID number states. */
export function idCardFacts(value: string): { birth_date: string; gender: 'male' | 'female' } | null {
  const id = normalizeIdCard(value)
  if (checkIdCard(id) !== null) return null
  return {
    birth_date: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
    gender: Number(id[16]) % 2 === 1 ? 'male' : 'female',
  }
}

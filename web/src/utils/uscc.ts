// A pre-check of the unified social credit code (统一社会信用代码, GB 32100-2015):
// 18 characters from a 31-character alphabet, the last a check character.

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

export type UsccProblem = 'format' | 'check_digit'

export function normalizeUscc(value: string): string {
  return value.replace(/\s+/g, '').toUpperCase()
}

/** The check character the first 17 characters call for. */
export function usccCheckChar(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(first17[i]) * WEIGHTS[i]
  return ALPHABET[(31 - (sum % 31)) % 31]
}

/** What is wrong with a code, or null when it passes the pre-check. */
export function checkUscc(value: string): UsccProblem | null {
  const code = normalizeUscc(value)
  if (code.length !== 18 || [...code].some((ch) => !ALPHABET.includes(ch))) return 'format'
  return usccCheckChar(code) === code[17] ? null : 'check_digit'
}

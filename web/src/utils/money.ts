// Money is stored in fen (分, 1/100 yuan) and written the way officials write it:
// in 万元 (10,000 yuan), e.g. 50万元, 1,234.5万元, and roughly as 近千万元.

export const FEN_PER_YUAN = 100
export const FEN_PER_WAN = 1_000_000

/**
 * Fen as a number of 万元 with at most `digits` decimals, grouped by thousands,
 * without trailing zeros: 50000000 -> "50", 1234500000000 -> "1,234,500",
 * 12345000000 -> "12,345", 1234567 -> "1.23".
 */
export function fenToWanText(fen: number, digits = 2): string {
  const wan = fen / FEN_PER_WAN
  return new Intl.NumberFormat('en-US', {
    minimumFractionDigits: 0,
    maximumFractionDigits: digits,
    useGrouping: true,
  }).format(wan)
}

/** Fen as yuan, grouped: 50000000 -> "500,000", 12345 -> "123.45". */
export function fenToYuanText(fen: number): string {
  return new Intl.NumberFormat('en-US', {
    minimumFractionDigits: 0,
    maximumFractionDigits: 2,
    useGrouping: true,
  }).format(fen / FEN_PER_YUAN)
}

/**
 * An amount typed in 万元 (up to 2 decimals, i.e. to the hundred yuan) as fen,
 * or null when it is not such a number. Exact: no floating-point drift.
 */
export function wanToFen(value: number | string | null | undefined): number | null {
  if (value === null || value === undefined) return null
  const text = String(value).trim().replace(/,/g, '')
  const match = /^(\d+)(?:\.(\d{0,2}))?$/.exec(text)
  if (!match) return null
  const whole = Number(match[1])
  const cents = Number((match[2] ?? '').padEnd(2, '0'))
  const fen = whole * FEN_PER_WAN + cents * (FEN_PER_WAN / 100)
  return Number.isSafeInteger(fen) ? fen : null
}

/** Fen as a plain 万元 number for an input field (no grouping): 12345000000 -> 12345. */
export function fenToWanNumber(fen: number): number {
  return Math.round(fen / (FEN_PER_WAN / 100)) / 100
}

/**
 * An amount typed in 元 (up to 2 decimals, i.e. to the 分) as integer fen, or
 * null when it is not such a number. Exact: the text's digits are read, never
 * multiplied as a float ("40000.10" -> 4000010, "0.29" -> 29, "1,200" -> 120000).
 */
export function yuanToFen(value: number | string | null | undefined): number | null {
  if (value === null || value === undefined) return null
  const text = String(value).trim().replace(/[,，]/g, '')
  const match = /^(\d+)(?:\.(\d{0,2}))?$/.exec(text)
  if (!match) return null
  const fen = Number(match[1]) * FEN_PER_YUAN + Number((match[2] ?? '').padEnd(2, '0'))
  return Number.isSafeInteger(fen) ? fen : null
}

/** Fen as a plain 元 amount for an input field, exact and without grouping: 4000010 -> "40000.1", 4000000 -> "40000". */
export function fenToYuanInput(fen: number): string {
  const sign = fen < 0 ? '-' : ''
  const abs = Math.abs(Math.trunc(fen))
  const cents = String(abs % FEN_PER_YUAN).padStart(2, '0').replace(/0+$/, '')
  const whole = String(Math.floor(abs / FEN_PER_YUAN))
  return `${sign}${whole}${cents ? `.${cents}` : ''}`
}

/** The round amounts officials say "nearly" of: 万, 十万, 百万, 千万, 亿 yuan. */
export const MAGNITUDES = [
  { key: 'yi', yuan: 100_000_000 },
  { key: 'qianWan', yuan: 10_000_000 },
  { key: 'baiWan', yuan: 1_000_000 },
  { key: 'shiWan', yuan: 100_000 },
  { key: 'wan', yuan: 10_000 },
] as const

export type Magnitude = (typeof MAGNITUDES)[number]['key']

/** Within this share below a round amount, officials say "nearly" it (近千万元). */
export const NEARLY_FROM = 0.9

/**
 * The round amount the sum is "nearly" (9,876,543 yuan -> qianWan, 近千万元), or
 * null when it is not just under one.
 */
export function nearlyMagnitude(fen: number): Magnitude | null {
  const yuan = fen / FEN_PER_YUAN
  for (const m of MAGNITUDES) {
    if (yuan < m.yuan && yuan >= m.yuan * NEARLY_FROM) return m.key
  }
  return null
}

// Indicator values are decimal strings (money in 分, areas with 2 decimals):
// read, checked, converted and written here with integer arithmetic (BigInt),
// never through floating point.

/** Money indicators keep 分 and end in `_fen` (investment_actual_fen). */
export function isMoneyIndicator(code: string): boolean {
  return code.endsWith('_fen')
}

/** The largest value the server keeps (in the indicator's unit): 10^15. */
export const MAX_VALUE = 10n ** 15n

/** 分 in one 万元. */
const FEN_PER_WAN = 1_000_000n
/** A 万元 amount is exact to the 分 with 6 decimals. */
export const WAN_DECIMALS = 6

/** Why a typed value is refused, or null when it is fine. */
export type ValueProblem = 'required' | 'number' | 'negative' | 'scale' | 'tooLarge'

interface Decimal {
  whole: bigint
  /** The decimals as typed, trailing zeros dropped. */
  fraction: string
}

/** A plain non-negative decimal ("1,234.50", " 12 "), or why not. */
function parseDecimal(text: string): Decimal | Exclude<ValueProblem, 'scale' | 'tooLarge'> {
  const plain = text.trim().replace(/[,，\s]/g, '')
  if (plain === '') return 'required'
  if (/^-(\d+(\.\d*)?|\.\d+)$/.test(plain)) return 'negative'
  const match = /^\+?(\d*)(?:\.(\d*))?$/.exec(plain)
  if (!match || (match[1] === '' && !match[2])) return 'number'
  return { whole: BigInt(match[1] || '0'), fraction: (match[2] ?? '').replace(/0+$/, '') }
}

/**
 * A value typed in the indicator's own unit checked against its scale (at
 * most `scale` decimals, not negative, at most 10^15): the string to send
 * (`"450.5"`, `"29000"`), or why it is refused.
 */
export function checkValue(text: string, scale: number): { value: string } | { problem: ValueProblem } {
  const parsed = parseDecimal(text)
  if (typeof parsed === 'string') return { problem: parsed }
  if (parsed.fraction.length > scale) return { problem: 'scale' }
  if (parsed.whole > MAX_VALUE || (parsed.whole === MAX_VALUE && parsed.fraction !== '')) return { problem: 'tooLarge' }
  return { value: parsed.fraction ? `${parsed.whole}.${parsed.fraction}` : String(parsed.whole) }
}

/**
 * An amount typed in 万元 as 分, exactly ("12.5" -> "12500000"; up to 6
 * decimals, the 分), or why it is refused.
 */
export function wanToFen(text: string): { value: string } | { problem: ValueProblem } {
  const parsed = parseDecimal(text)
  if (typeof parsed === 'string') return { problem: parsed }
  if (parsed.fraction.length > WAN_DECIMALS) return { problem: 'scale' }
  const fen = parsed.whole * FEN_PER_WAN + BigInt(parsed.fraction.padEnd(WAN_DECIMALS, '0'))
  if (fen > MAX_VALUE) return { problem: 'tooLarge' }
  return { value: fen.toString() }
}

/** 分 as a plain 万元 number for an input ("125000000" -> "125", "1234567" -> "1.234567"). */
export function fenToWanInput(fen: string): string {
  return shiftDecimal(fen, WAN_DECIMALS)
}

/** Digits grouped by thousands: "1234567" -> "1,234,567". */
function group(whole: string): string {
  return whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}

/** A decimal string as a reader sees it: grouped, without trailing zeros ("29000" -> "29,000", "450.50" -> "450.5"). */
export function formatDecimal(value: string): string {
  const [whole, fraction = ''] = value.trim().split('.')
  const digits = fraction.replace(/0+$/, '')
  const sign = whole.startsWith('-') ? '-' : ''
  const body = group(whole.replace(/^-/, '').replace(/^0+(?=\d)/, '') || '0')
  return `${sign}${body}${digits ? `.${digits}` : ''}`
}

/** An integer string divided by 10^places, as a plain decimal ("1234567", 6 -> "1.234567"). */
function shiftDecimal(integer: string, places: number): string {
  const digits = integer.trim().replace(/^-/, '').replace(/\..*$/, '') || '0'
  const padded = digits.padStart(places + 1, '0')
  const whole = padded.slice(0, padded.length - places).replace(/^0+(?=\d)/, '')
  const fraction = padded.slice(padded.length - places).replace(/0+$/, '')
  return `${integer.trim().startsWith('-') ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`
}

/** An integer string rounded half up to `places` fewer digits, as a decimal with `places - keep` dropped. */
function roundShift(integer: string, places: number, keep: number): string {
  const n = BigInt(integer.trim().replace(/\..*$/, '') || '0')
  const unit = 10n ** BigInt(places - keep)
  const negative = n < 0n
  const abs = negative ? -n : n
  const rounded = (abs + unit / 2n) / unit
  return (negative && rounded > 0n ? '-' : '') + shiftDecimal(rounded.toString(), keep)
}

/** 分 as 万元 for reading, rounded to 2 decimals, grouped: "290000000" -> "290", "1234567" -> "1.23". */
export function fenToWanText(fen: string, digits = 2): string {
  return formatDecimal(roundShift(fen, WAN_DECIMALS, digits))
}

/** 分 as 元 for reading, grouped: "2900000000" -> "29,000,000", "12345" -> "123.45". */
export function fenToYuanText(fen: string): string {
  return formatDecimal(shiftDecimal(fen, 2))
}

/** A value as a number for a chart's axis only (never summed): money in 万元 or 元. */
export function chartNumber(code: string, value: string, yuan: boolean): number {
  if (!isMoneyIndicator(code)) return Number(value)
  return Number(shiftDecimal(value, yuan ? 2 : WAN_DECIMALS))
}

/** The year of a period that is a whole calendar year ("2022"), else null. */
export function periodYear(from: string, to: string): string | null {
  const year = from.slice(0, 4)
  return from === `${year}-01-01` && to === `${year}-12-31` ? year : null
}

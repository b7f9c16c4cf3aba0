// What the collective income page works out from the figures: every source in
// its order (none left out), each one's share, and the colours of the chart.
import { INCOME_SOURCES, type IncomeBySource, type IncomeSource } from '@/api/income'

/** The amount of one source in a split by source (0 when absent); fen are integers, so sums are exact. */
export function amountOf(bySource: readonly IncomeBySource[] | undefined, source: IncomeSource): number {
  return (bySource ?? []).filter((row) => row.source === source).reduce((sum, row) => sum + row.amount_fen, 0)
}

/** Every source in the page's order with its amount (those the server left out at 0). */
export function sourceRows(bySource: readonly IncomeBySource[] | undefined): IncomeBySource[] {
  return INCOME_SOURCES.map((source) => ({ source, amount_fen: amountOf(bySource, source) }))
}

/** A part of a total as a percentage with one decimal ("37.5"); '' without a total. */
export function share(amount: number, total: number): string {
  if (total <= 0) return ''
  return (Math.round((amount * 1000) / total) / 10).toFixed(1)
}

/** Each source's colour, the same in the chart and beside the table's rows. */
export const SOURCE_COLORS: Record<IncomeSource, string> = {
  rent: '#3f8f4f',
  dividend: '#d48806',
  service: '#1d6fb8',
  subsidy: '#8e44ad',
  other: '#8c8c8c',
}

import { describe, expect, it } from 'vitest'
import { amountOf, share, sourceRows } from './income'

describe('collective income by source', () => {
  it('lists every source in its order, summing in whole 分', () => {
    const split = [
      { source: 'dividend' as const, amount_fen: 1_500_000 },
      { source: 'rent' as const, amount_fen: 4_000_010 },
      { source: 'rent' as const, amount_fen: 10 },
    ]
    expect(sourceRows(split)).toEqual([
      { source: 'rent', amount_fen: 4_000_020 },
      { source: 'dividend', amount_fen: 1_500_000 },
      { source: 'service', amount_fen: 0 },
      { source: 'subsidy', amount_fen: 0 },
      { source: 'other', amount_fen: 0 },
    ])
    expect(amountOf(undefined, 'rent')).toBe(0)
  })

  it('gives each part’s share with one decimal, none without a total', () => {
    expect(share(4_000_010, 5_500_010)).toBe('72.7')
    expect(share(1, 3)).toBe('33.3')
    expect(share(5, 5)).toBe('100.0')
    expect(share(0, 0)).toBe('')
  })
})

import { describe, expect, it } from 'vitest'
import { fenToWanNumber, fenToWanText, fenToYuanInput, fenToYuanText, nearlyMagnitude, wanToFen, yuanToFen } from './money'

describe('money in 万元', () => {
  it('writes fen as 万元 the way officials do', () => {
    expect(fenToWanText(50_000_000)).toBe('50') // 50万元
    expect(fenToWanText(1_234_500_000)).toBe('1,234.5') // 1,234.5万元
    expect(fenToWanText(987_654_321)).toBe('987.65')
    expect(fenToWanText(100)).toBe('0') // 1 yuan rounds away at 2 decimals of 万元
    expect(fenToWanText(0)).toBe('0')
    expect(fenToWanText(12_345_600_000_000)).toBe('12,345,600')
  })

  it('writes fen as yuan for English readers', () => {
    expect(fenToYuanText(50_000_000)).toBe('500,000')
    expect(fenToYuanText(12_345)).toBe('123.45')
  })

  it('reads amounts typed in 万元 exactly, to the hundred yuan', () => {
    expect(wanToFen('50')).toBe(50_000_000)
    expect(wanToFen('12.5')).toBe(12_500_000)
    expect(wanToFen('0.01')).toBe(10_000) // 100 yuan
    expect(wanToFen('1,234.56')).toBe(1_234_560_000)
    expect(wanToFen(' 3. ')).toBe(3_000_000)
    expect(wanToFen(0.29)).toBe(290_000) // no floating-point drift (0.29 * 1e6 = 289999.99...)
    expect(wanToFen('1.234')).toBeNull()
    expect(wanToFen('-5')).toBeNull()
    expect(wanToFen('五十')).toBeNull()
    expect(wanToFen('')).toBeNull()
    expect(wanToFen(null)).toBeNull()
  })

  it('turns fen back into the number the capital field shows', () => {
    expect(fenToWanNumber(12_500_000)).toBe(12.5)
    expect(fenToWanNumber(1_234_560_000)).toBe(1234.56)
    expect(wanToFen(String(fenToWanNumber(987_654_300)))).toBe(987_650_000)
  })

  it('says "nearly" of a sum just under a round amount (近千万元)', () => {
    expect(nearlyMagnitude(987_654_321)).toBe('qianWan') // 9,876,543.21 yuan: 近千万元
    expect(nearlyMagnitude(950_000_000)).toBe('qianWan')
    expect(nearlyMagnitude(1_000_000_000)).toBeNull() // exactly 10 million
    expect(nearlyMagnitude(800_000_000)).toBeNull() // 8 million is not "nearly" 10
    expect(nearlyMagnitude(95_000_000)).toBe('baiWan') // 近百万元
    expect(nearlyMagnitude(9_600_000_000)).toBe('yi') // 近亿元
    expect(nearlyMagnitude(0)).toBeNull()
  })
})

describe('money in 元', () => {
  it('reads amounts typed in 元 exactly, to the 分', () => {
    expect(yuanToFen('40000.10')).toBe(4_000_010)
    expect(yuanToFen('40000.1')).toBe(4_000_010)
    expect(yuanToFen('0.29')).toBe(29) // not 28.999...
    expect(yuanToFen('1,200')).toBe(120_000)
    expect(yuanToFen(' 8. ')).toBe(800)
    expect(yuanToFen(19.99)).toBe(1999)
    expect(yuanToFen('1.234')).toBeNull()
    expect(yuanToFen('-5')).toBeNull()
    expect(yuanToFen('')).toBeNull()
    expect(yuanToFen(null)).toBeNull()
  })

  it('writes fen back for an input field, exactly', () => {
    expect(fenToYuanInput(4_000_010)).toBe('40000.1')
    expect(fenToYuanInput(4_000_000)).toBe('40000')
    expect(fenToYuanInput(29)).toBe('0.29')
    expect(fenToYuanInput(5)).toBe('0.05')
    expect(yuanToFen(fenToYuanInput(123_456_789))).toBe(123_456_789)
  })
})

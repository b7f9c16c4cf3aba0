import { describe, expect, it } from 'vitest'
import { chartNumber, checkValue, fenToWanInput, fenToWanText, fenToYuanText, formatDecimal, isMoneyIndicator, periodYear, wanToFen } from './values'

describe('indicator values', () => {
  it('takes a value with at most the indicator’s decimals, never negative nor past 10^15', () => {
    expect(checkValue('450.25', 2)).toEqual({ value: '450.25' })
    expect(checkValue(' 1,200.50 ', 2)).toEqual({ value: '1200.5' })
    expect(checkValue('12.345', 2)).toEqual({ problem: 'scale' })
    expect(checkValue('12.340', 2)).toEqual({ value: '12.34' })
    expect(checkValue('29000', 0)).toEqual({ value: '29000' })
    expect(checkValue('1.5', 0)).toEqual({ problem: 'scale' })
    expect(checkValue('-3', 0)).toEqual({ problem: 'negative' })
    expect(checkValue('三百', 0)).toEqual({ problem: 'number' })
    expect(checkValue('1e5', 0)).toEqual({ problem: 'number' })
    expect(checkValue('', 0)).toEqual({ problem: 'required' })
    expect(checkValue('1000000000000000', 0)).toEqual({ value: '1000000000000000' })
    expect(checkValue('1000000000000001', 0)).toEqual({ problem: 'tooLarge' })
  })

  it('turns 万元 into 分 exactly, to the 分', () => {
    expect(wanToFen('12.5')).toEqual({ value: '12500000' })
    expect(wanToFen('0.000001')).toEqual({ value: '1' })
    // 0.1 + 0.2 style drift cannot happen: 2900.07 万元 is 29,000,700 元.
    expect(wanToFen('2900.07')).toEqual({ value: '2900070000' })
    expect(wanToFen('1.2345678')).toEqual({ problem: 'scale' })
    expect(wanToFen('1000000000.000001')).toEqual({ problem: 'tooLarge' })
    expect(fenToWanInput('2900070000')).toBe('2900.07')
    expect(fenToWanInput('1')).toBe('0.000001')
    expect(fenToWanInput('0')).toBe('0')
  })

  it('writes values as a reader expects: grouped, money in 万元 or 元', () => {
    expect(formatDecimal('29000')).toBe('29,000')
    expect(formatDecimal('450.50')).toBe('450.5')
    expect(formatDecimal('0.00')).toBe('0')
    expect(fenToWanText('29000000000')).toBe('29,000')
    expect(fenToWanText('1234567')).toBe('1.23')
    expect(fenToWanText('1235000')).toBe('1.24')
    // Past what a float holds exactly, still exact.
    expect(fenToWanText('9007199254740993')).toBe('9,007,199,254.74')
    expect(fenToYuanText('12345')).toBe('123.45')
    expect(fenToYuanText('2900000000')).toBe('29,000,000')
    expect(isMoneyIndicator('investment_actual_fen')).toBe(true)
    expect(isMoneyIndicator('area_mu')).toBe(false)
    expect(chartNumber('output_value_fen', '125000000', false)).toBe(125)
    expect(chartNumber('area_mu', '450.25', false)).toBe(450.25)
  })

  it('names a whole calendar year by its year', () => {
    expect(periodYear('2022-01-01', '2022-12-31')).toBe('2022')
    expect(periodYear('2022-01-01', '2022-06-30')).toBeNull()
  })
})

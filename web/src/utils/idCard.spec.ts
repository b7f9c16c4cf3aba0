import { describe, expect, it } from 'vitest'
import { checkIdCard, idCardCheckChar, idCardFacts, normalizeIdCard } from './idCard'
import { checkUscc, usccCheckChar } from './uscc'

// 11010519491231002X is the standard's own example number.
const VALID_FEMALE = '11010519491231002X'
const VALID_MALE = '431127197805021238'

describe('ID card pre-check', () => {
  it('computes the check character of GB 11643', () => {
    expect(idCardCheckChar('11010519491231002')).toBe('X')
    expect(idCardCheckChar('43112719780502123')).toBe('8')
  })

  it('accepts valid numbers, with a lower-case x or spaces as typed', () => {
    expect(checkIdCard(VALID_FEMALE)).toBeNull()
    expect(checkIdCard('11010519491231002x')).toBeNull()
    expect(checkIdCard(' 431127 19780502 1238 ')).toBeNull()
    expect(normalizeIdCard('11010519491231002x')).toBe(VALID_FEMALE)
  })

  it('names what is wrong', () => {
    expect(checkIdCard('43112719780502')).toBe('length')
    expect(checkIdCard('4311271978050212381')).toBe('length')
    expect(checkIdCard('43112719780502123A')).toBe('characters')
    expect(checkIdCard('4311271978X502123X')).toBe('characters')
    expect(checkIdCard('431127197802301234')).toBe('birth_date') // 30 February
    expect(checkIdCard('431127189901011234')).toBe('birth_date') // before 1900
    expect(checkIdCard('431127209901011234', new Date('2026-11-29'))).toBe('birth_date') // not born yet
    expect(checkIdCard('431127197805021234')).toBe('check_digit')
  })

  it('reads birth date and gender from a valid number only', () => {
    expect(idCardFacts(VALID_MALE)).toEqual({ birth_date: '1978-05-02', gender: 'male' })
    expect(idCardFacts(VALID_FEMALE)).toEqual({ birth_date: '1949-12-31', gender: 'female' })
    expect(idCardFacts('431127197805021234')).toBeNull()
  })
})

describe('unified social credit code pre-check', () => {
  it('accepts real codes and computes the GB 32100 check character', () => {
    expect(checkUscc('91350100M000100Y43')).toBeNull()
    expect(checkUscc('91110000600037341l')).toBeNull()
    expect(usccCheckChar('91110000600037341')).toBe('L')
  })

  it('names what is wrong', () => {
    expect(checkUscc('9135010')).toBe('format')
    expect(checkUscc('91350100M000100I43')).toBe('format') // I is not in the alphabet
    expect(checkUscc('91350100M000100Y44')).toBe('check_digit')
  })
})

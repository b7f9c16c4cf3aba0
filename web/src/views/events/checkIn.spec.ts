import { describe, expect, it } from 'vitest'
import { checkInUrl, parseCheckInCode } from './checkIn'

describe('check-in codes', () => {
  it('name their event and when they expire', () => {
    expect(parseCheckInCode('17.1657612800.Zm9vYmFy_-')).toEqual({ eventId: 17, expiresAt: new Date('2022-07-12T08:00:00Z') })
    expect(parseCheckInCode(' 3.1657612800.abc ')?.eventId).toBe(3)
  })

  it('are refused when cut, mistyped or absent', () => {
    for (const code of ['', null, undefined, '17', '17.1657612800', '17.1657612800.', 'x.1657612800.abc', '0.1657612800.abc', '17.165761.a.b', '-1.1.abc']) {
      expect(parseCheckInCode(code), String(code)).toBeNull()
    }
  })

  it('become the address of the site they were made on', () => {
    expect(checkInUrl('/check-in?code=17.1657612800.abc', 'https://shuanglun.example.cn')).toBe('https://shuanglun.example.cn/check-in?code=17.1657612800.abc')
    expect(checkInUrl('check-in?code=1.2.x', 'http://127.0.0.1:8080/')).toBe('http://127.0.0.1:8080/check-in?code=1.2.x')
  })
})

import { describe, expect, it } from 'vitest'
import { csvBlob, csvCell, toCsv } from './csv'

describe('CSV for Excel', () => {
  it('starts with a byte-order mark and ends rows with CRLF', () => {
    const text = toCsv([
      ['乡镇', '问题数'],
      ['所城镇', 17],
    ])
    expect(text).toBe('\uFEFF乡镇,问题数\r\n所城镇,17\r\n')
  })

  it('quotes commas, quotes and line breaks, and leaves empty cells empty', () => {
    expect(csvCell('协调招工，用地')).toBe('协调招工，用地')
    expect(csvCell('a,b')).toBe('"a,b"')
    expect(csvCell('他说"好"')).toBe('"他说""好"""')
    expect(csvCell('第一行\n第二行')).toBe('"第一行\n第二行"')
    expect(csvCell(null)).toBe('')
    expect(csvCell(undefined)).toBe('')
    expect(csvCell(0)).toBe('0')
  })

  it('keeps text that looks like a formula as text, but numbers as numbers', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`)
    expect(csvCell('-3')).toBe("'-3")
    expect(csvCell(-3)).toBe('-3')
  })

  it('encodes the mark as UTF-8 bytes in the file', async () => {
    const bytes = new Uint8Array(await csvBlob([['楠市镇']]).arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
  })
})

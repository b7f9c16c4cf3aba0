import { describe, expect, it } from 'vitest'
import { messages } from '.'

type Tree = { [key: string]: string | Tree }

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>()
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key
    if (typeof value === 'string') out.set(path, value)
    else for (const [k, v] of flatten(value, path)) out.set(k, v)
  }
  return out
}

const zhCN = flatten(messages['zh-CN'] as unknown as Tree)
const zhTW = flatten(messages['zh-TW'] as unknown as Tree)
const en = flatten(messages.en as unknown as Tree)

// Characters that exist only in Simplified writing; each has a Traditional form (区→區, 录→錄 ...).
const SIMPLIFIED_ONLY = '区划录户账号设选单页级码务载网络时间称数据错误请输删编关闭权动话组县乡镇这个为详细记变统计应该党会轮发现没问题经联门开导览线实与后围辖显状态启换复历'
  .replace('划', '') // 划 is also a Traditional character

describe('translations', () => {
  it('every language has every text, and none is empty', () => {
    for (const other of [zhTW, en]) {
      expect([...other.keys()].sort()).toEqual([...zhCN.keys()].sort())
      for (const [key, text] of other) expect(text.trim(), key).not.toBe('')
    }
  })

  it('Traditional Chinese is written in Traditional characters', () => {
    for (const [key, text] of zhTW) {
      const simplified = [...text].filter((ch) => SIMPLIFIED_ONLY.includes(ch))
      expect(simplified, `${key}: ${text}`).toEqual([])
    }
    expect(zhTW.get('nav.regions')).toBe('區劃')
    expect(zhTW.get('login.title')).toBe('登入')
    expect(zhTW.get('users.username')).toBe('使用者名稱')
  })

  it('English contains no Chinese except the search examples', () => {
    for (const [key, text] of en) {
      if (key === 'regions.searchHint' || key === 'people.searchHint') continue
      expect(text, key).not.toMatch(/[\u4e00-\u9fff]/)
    }
  })
})

import { beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { LOCALE_STORAGE_KEY, useLocaleStore } from './locale'
import { i18n } from '@/i18n'

function freshStore() {
  setActivePinia(createPinia())
  return useLocaleStore()
}

describe('locale store', () => {
  beforeEach(() => {
    localStorage.clear()
    document.documentElement.lang = ''
  })

  it('starts in Simplified Chinese', () => {
    const locale = freshStore()
    expect(locale.locale).toBe('zh-CN')
    expect(document.documentElement.lang).toBe('zh-CN')
    expect(i18n.global.t('nav.regions')).toBe('区划')
  })

  it('switches the interface and the page language', () => {
    const locale = freshStore()
    locale.setLocale('en')
    expect(i18n.global.t('nav.regions')).toBe('Regions')
    expect(document.documentElement.lang).toBe('en')

    locale.setLocale('zh-TW')
    expect(i18n.global.t('login.submit')).toBe('登入')
    expect(document.documentElement.lang).toBe('zh-TW')
  })

  it('remembers the choice for the next visit', () => {
    freshStore().setLocale('zh-TW')
    expect(localStorage.getItem(LOCALE_STORAGE_KEY)).toBe('zh-TW')

    const next = freshStore()
    expect(next.locale).toBe('zh-TW')
    expect(i18n.global.t('users.username')).toBe('使用者名稱')
  })

  it('ignores a remembered value it does not know', () => {
    localStorage.setItem(LOCALE_STORAGE_KEY, 'fr')
    expect(freshStore().locale).toBe('zh-CN')
  })
})

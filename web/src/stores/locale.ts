import { defineStore } from 'pinia'
import { ref } from 'vue'
import { DEFAULT_LOCALE, i18n, isAppLocale, type AppLocale } from '@/i18n'

export const LOCALE_STORAGE_KEY = 'shuanglun.locale'

function readStoredLocale(): AppLocale {
  try {
    const stored = globalThis.localStorage?.getItem(LOCALE_STORAGE_KEY)
    return isAppLocale(stored) ? stored : DEFAULT_LOCALE
  } catch {
    return DEFAULT_LOCALE // storage disabled by the browser
  }
}

function apply(locale: AppLocale): void {
  i18n.global.locale.value = locale
  if (typeof document !== 'undefined') document.documentElement.lang = locale
}

/** The interface language: Simplified Chinese unless the user chose another, remembered per browser. */
export const useLocaleStore = defineStore('locale', () => {
  const locale = ref<AppLocale>(readStoredLocale())
  apply(locale.value)

  function setLocale(next: AppLocale): void {
    locale.value = next
    apply(next)
    try {
      globalThis.localStorage?.setItem(LOCALE_STORAGE_KEY, next)
    } catch {
      // Not remembered, but still applied for this visit.
    }
  }

  return { locale, setLocale }
})

import { createI18n } from 'vue-i18n'
import zhCN, { type MessageSchema } from './zh-CN'
import zhTW from './zh-TW'
import en from './en'

export const SUPPORTED_LOCALES = ['zh-CN', 'zh-TW', 'en'] as const
export type AppLocale = (typeof SUPPORTED_LOCALES)[number]
export const DEFAULT_LOCALE: AppLocale = 'zh-CN'

/** Each language named in itself, as language pickers conventionally show them. */
export const LOCALE_NAMES: Record<AppLocale, string> = {
  'zh-CN': '简体中文',
  'zh-TW': '繁體中文',
  en: 'English',
}

export function isAppLocale(value: unknown): value is AppLocale {
  return typeof value === 'string' && (SUPPORTED_LOCALES as readonly string[]).includes(value)
}

export const messages: Record<AppLocale, MessageSchema> = {
  'zh-CN': zhCN,
  'zh-TW': zhTW,
  en,
}

export const i18n = createI18n<[MessageSchema], AppLocale, false>({
  legacy: false,
  locale: DEFAULT_LOCALE,
  fallbackLocale: DEFAULT_LOCALE,
  messages,
  missingWarn: false,
  fallbackWarn: false,
})

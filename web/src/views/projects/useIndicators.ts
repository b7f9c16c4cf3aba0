import { computed, shallowRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { listIndicators, type Indicator } from '@/api/projects'
import { fenToWanText, fenToYuanText, formatDecimal, isMoneyIndicator, periodYear } from './values'

// The indicators are the same for everyone and change rarely: read once per page load, shared.
const indicators = shallowRef<Indicator[]>([])
const error = shallowRef<unknown>(null)
let loaded = false
let loading: Promise<void> | null = null

/** Reads the indicator definitions (again). */
export function reloadIndicators(): Promise<void> {
  loading ??= listIndicators()
    .then((answer) => {
      indicators.value = answer.items
      error.value = null
      loaded = true
    })
    .catch((e: unknown) => {
      error.value = e
    })
    .finally(() => {
      loading = null
    })
  return loading
}

/** Forgets what was read (specs start afresh). */
export function resetIndicators(): void {
  indicators.value = []
  error.value = null
  loaded = false
  loading = null
}

/** A text of the indicator's in a language: its own, else the Simplified Chinese one. */
function localized(texts: Record<string, string | undefined> | undefined, locale: string): string {
  return texts?.[locale] || texts?.['zh-CN'] || ''
}

/**
 * The indicators (面积, 实际投资, 游客 ...) named in the interface language, and
 * their values written as a reader expects: money (kept in 分) in 万元 (元 in
 * English), the rest in the indicator's unit, grouped, never through a float.
 */
export function useIndicators() {
  const { t, locale } = useI18n()
  if (!loaded) void reloadIndicators()
  const byCode = computed(() => new Map(indicators.value.map((i) => [i.code, i])))
  const chinese = () => String(locale.value).startsWith('zh')

  /** An indicator's name; its code while they load or when it is unknown. */
  function name(code: string): string {
    return localized(byCode.value.get(code)?.names, locale.value) || code
  }

  /** The unit values are shown in: 万元 (yuan in English) for money, else the indicator's own. */
  function unit(code: string): string {
    if (isMoneyIndicator(code)) return t('projects.values.moneyUnit')
    return localized(byCode.value.get(code)?.unit, locale.value)
  }

  /** A value with its unit: "2,900万元", "29,000人次", "450.5亩". */
  function format(code: string, value: string): string {
    if (isMoneyIndicator(code)) {
      return chinese() ? t('money.wan', { n: fenToWanText(value) }) : t('money.yuan', { n: fenToYuanText(value) })
    }
    const shown = formatDecimal(value)
    const u = unit(code)
    return u ? t('projects.valueUnit', { value: shown, unit: u }) : shown
  }

  /** A period: "2022年" for a whole year, else "2022-03-01 – 2022-06-30". */
  function period(from: string, to: string): string {
    const year = periodYear(from, to)
    return year ? t('projects.values.yearValue', { year }) : `${from} – ${to}`
  }

  /** The indicators in the server's order. */
  const list = computed(() => indicators.value)

  return { indicators: list, error, byCode, name, unit, format, period, reload: reloadIndicators }
}

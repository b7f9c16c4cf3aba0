import { useI18n } from 'vue-i18n'
import { fenToWanText, fenToYuanText, nearlyMagnitude } from '@/utils/money'

/**
 * Money as officials write it: 50万元, 1,234.5万元, and roughly 近千万元.
 * English readers get plain yuan (500,000 yuan).
 */
export function useMoney() {
  const { t, locale } = useI18n()
  const chinese = () => String(locale.value).startsWith('zh')

  /** The exact amount: "1,234.5万元" (or "12,345,000 yuan"); empty without one. */
  function exact(fen: number | null | undefined): string {
    if (fen === null || fen === undefined) return ''
    return chinese() ? t('money.wan', { n: fenToWanText(fen) }) : t('money.yuan', { n: fenToYuanText(fen) })
  }

  /** "近千万元" when the amount is just under a round one, else null. */
  function nearly(fen: number | null | undefined): string | null {
    if (fen === null || fen === undefined) return null
    const magnitude = nearlyMagnitude(fen)
    return magnitude ? t('money.nearly', { amount: t(`money.magnitudes.${magnitude}`) }) : null
  }

  return { exact, nearly }
}

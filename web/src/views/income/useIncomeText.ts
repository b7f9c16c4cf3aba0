import { useI18n } from 'vue-i18n'
import { useMoney } from '@/composables/useMoney'
import { fenToYuanText } from '@/utils/money'

/** The income page's words: the names of the sources, amounts in 万元 and to the 分. */
export function useIncomeText() {
  const { t, te } = useI18n()
  const money = useMoney()
  return {
    source: (code: string | null | undefined) => {
      if (!code) return ''
      const key = `income.sources.${code}`
      return te(key) ? t(key) : code
    },
    /** In 万元 (Chinese) or yuan (English). */
    wan: (fen: number | null | undefined) => money.exact(fen),
    /** Exact to the 分: "2,000.5元". */
    yuan: (fen: number | null | undefined) => (fen === null || fen === undefined ? '' : t('money.yuan', { n: fenToYuanText(fen) })),
  }
}

import { useI18n } from 'vue-i18n'
import type { LandContract } from '@/api/land'
import { useMoney } from '@/composables/useMoney'
import { fenToYuanText } from '@/utils/money'
import { areaText } from './land'

/**
 * The land pages' words: the names of land types, payment frequencies and
 * statuses, money to the 分 (元) or in 万元, areas in 亩, rent terms and parties.
 */
export function useLandText() {
  const { t, te } = useI18n()
  const money = useMoney()
  const label = (prefix: string, code: string | null | undefined) => {
    if (!code) return ''
    const key = `${prefix}.${code}`
    return te(key) ? t(key) : code
  }
  /** Exact to the 分: "40,000.1元". */
  const yuan = (fen: number | null | undefined) => (fen === null || fen === undefined ? '' : t('money.yuan', { n: fenToYuanText(fen) }))
  return {
    landType: (code: string | null | undefined) => label('land.types', code),
    frequency: (code: string | null | undefined) => label('land.frequencies', code),
    status: (code: string | null | undefined) => label('land.statuses', code),
    yuan,
    /** In 万元 (Chinese) or yuan (English): "4万元". */
    wan: (fen: number | null | undefined) => money.exact(fen),
    area: (area: string | null | undefined) => t('land.areaValue', { n: areaText(area) }),
    /** "4万元/年" or "800元/亩·年". */
    rent(contract: Pick<LandContract, 'rent_fen_per_year' | 'rent_fen_per_mu_year'>): string {
      if (contract.rent_fen_per_year !== null) return t('land.rentPerYear', { amount: money.exact(contract.rent_fen_per_year) })
      if (contract.rent_fen_per_mu_year !== null) return t('land.rentPerMu', { amount: yuan(contract.rent_fen_per_mu_year) })
      return ''
    },
    /** The collective's name, or the households' names. */
    transferor(contract: Pick<LandContract, 'transferor'>): string {
      const from = contract.transferor
      return from.organization ? from.organization.name : from.people.map((p) => p.name).join(t('common.listSeparator'))
    },
    transferee(contract: Pick<LandContract, 'transferee'>): string {
      const to = contract.transferee
      return to.enterprise?.name ?? to.person?.name ?? ''
    },
  }
}

export type LandText = ReturnType<typeof useLandText>

import type { RegionAncestor } from '@/api/types'

/** Instants are stored in UTC and shown in China Standard Time. */
export function formatDateTime(iso: string | null | undefined, locale: string): string {
  if (!iso) return ''
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return new Intl.DateTimeFormat(locale, {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(date)
}

/** A moment's time of day (hours and minutes, 24-hour clock) in China Standard Time. */
export function formatClock(date: Date, locale: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hour12: false }).format(date)
}

export const PATH_SEPARATOR = ' › '

/** "湖南省 › 永州市 › 蓝山县": a region's ancestors from the root down. */
export function ancestorPath(ancestors: readonly Pick<RegionAncestor, 'name'>[]): string {
  return ancestors.map((a) => a.name).join(PATH_SEPARATOR)
}

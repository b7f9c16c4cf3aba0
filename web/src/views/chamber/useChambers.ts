import { computed } from 'vue'
import { listMemberships } from '@/api/memberships'
import { listOrganizations } from '@/api/organizations'
import type { RegionRef } from '@/api/types'
import { useLoad } from '@/composables/useLoad'

export interface ChamberChoice {
  id: number
  name: string
  /** Where the chamber is registered (for its figures); unknown without organizations.read. */
  region: RegionRef | null
}

const MAX_CHAMBERS = 200

/**
 * The chambers the user can see: organizations of kind chamber when the user may
 * read organizations, else the chambers named by the memberships they may read.
 */
export function useChambers(canReadOrganizations: () => boolean) {
  const { data, loading, error, load } = useLoad(async (): Promise<ChamberChoice[]> => {
    if (canReadOrganizations()) {
      const page = await listOrganizations({ kind: 'chamber', page_size: MAX_CHAMBERS })
      return page.items.map((o) => ({ id: o.id, name: o.name, region: o.region }))
    }
    const page = await listMemberships({ all: true, page_size: MAX_CHAMBERS })
    const seen = new Map<number, ChamberChoice>()
    for (const m of page.items) seen.set(m.chamber.id, { id: m.chamber.id, name: m.chamber.name, region: null })
    return [...seen.values()]
  })
  const chambers = computed(() => data.value ?? [])

  return { chambers, loading, error, load }
}

import { listEnterprises } from '@/api/enterprises'
import { listOrganizations } from '@/api/organizations'
import { listProjects } from '@/api/projects'
import { listPeople } from '@/api/people'
import type { OrganizationKind, Page } from '@/api/types'
import { useLabels } from '@/composables/useLabels'
import type { RemoteOption } from './remoteOption'

/** The ledgers a record chooser searches. */
export type RecordKind = 'person' | 'organization' | 'enterprise' | 'project'

const PAGE_SIZE = 20

/** A kind's search: the first page of its ledger's matches (by name, pinyin, initials or code), each with the line that tells it apart. */
function searchOf<R extends { id: number; name: string }>(
  placeholder: string,
  list: (query: { q?: string; page_size: number }) => Promise<Page<R>>,
  meta: (record: R) => string,
) {
  return {
    placeholder,
    search: async (q: string | undefined): Promise<RemoteOption[]> =>
      (await list({ q, page_size: PAGE_SIZE })).items.map((r) => ({ id: r.id, label: r.name, meta: meta(r) })),
  }
}

/**
 * How a record chooser (RecordSelect, RecordMultiSelect) searches its kind:
 * the i18n key of its placeholder and the search itself, which leaves out `exclude`.
 */
export function useRecordSearch(props: { kind: RecordKind; organizationKind?: OrganizationKind; exclude?: number | null }) {
  const labels = useLabels()
  const kinds = {
    // Namesakes are told apart by place and year of birth.
    person: searchOf('registry.searchPerson', listPeople, (p) => [p.region.name, p.birth_date?.slice(0, 4)].filter(Boolean).join(' · ')),
    organization: searchOf(
      'registry.searchOrganization',
      (query) => listOrganizations({ ...query, kind: props.organizationKind }),
      (o) => `${labels.organizationKind(o.kind)} · ${o.region.name}`,
    ),
    enterprise: searchOf('registry.searchEnterprise', listEnterprises, (e) => e.uscc),
    project: searchOf('contacts.searchProject', listProjects, (p) => [labels.projectKind(p.kind), p.region?.name].filter(Boolean).join(' · ')),
  }
  return {
    placeholderKey: () => kinds[props.kind].placeholder,
    async search(text: string): Promise<RemoteOption[]> {
      const found = await kinds[props.kind].search(text || undefined)
      return found.filter((o) => o.id !== props.exclude)
    },
  }
}

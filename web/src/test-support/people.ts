import type { Person } from '@/api/types'

/** A person as the server describes one (docs/api.md), with overrides. */
export function makePerson(overrides: Partial<Person> = {}): Person {
  return {
    id: 51,
    name: '雷建国',
    gender: null,
    birth_date: null,
    phone: null,
    id_card_masked: null,
    region: { code: '431127103224', name: '朋佳村' },
    notes: '',
    tags: [],
    party_stage: null,
    posts: [],
    created_at: '',
    updated_at: '',
    version: 1,
    ...overrides,
  }
}

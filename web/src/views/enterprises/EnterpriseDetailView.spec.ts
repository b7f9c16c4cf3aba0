import { beforeEach, describe, expect, it } from 'vitest'
import { defineComponent, h } from 'vue'
import { flushPromises, mount } from '@vue/test-utils'
import { createMemoryHistory, createRouter, RouterView } from 'vue-router'
import type { Contact, Enterprise, Membership, Pairing, RequestRecord } from '@/api/types'
import { i18n } from '@/i18n'
import { json, stubFetch, type SentRequest } from '@/test-support/fetch'
import { signedIn } from '@/test-support/users'
import EnterpriseDetailView from './EnterpriseDetailView.vue'

const PENGJIA = { code: '431127103224', name: '朋佳村' }
const TAN = { id: 214, name: '谭龙兰' }
const ZOU = { id: 230, name: '邹小梅' }
const CHAMBER = { id: 38, name: '楠市镇商会' }

const FIRM: Enterprise = {
  id: 25,
  name: '蓝山县大元井民宿有限公司',
  uscc: '91431127MA4L002576',
  legal_representative: TAN,
  industry: 'hospitality',
  registered_capital_fen: 10_000_000,
  region: PENGJIA,
  founded_on: '2010-01-15',
  created_at: '',
  updated_at: '',
  version: 1,
}

function member(id: number, person: { id: number; name: string }, left: string | null, post: Membership['post'] = 'member'): Membership {
  return { id, chamber: CHAMBER, person, enterprise: { id: 25, name: FIRM.name }, post, joined_on: '2022-06-25', left_on: left, dues_status: 'paid', party_member: false, version: 1 }
}
function pairing(id: number, level: 1 | 6, source: { id: number; name: string }, target: Pairing['target']): Pairing {
  return { id, level, source, target, valid_from: level === 1 ? '2022-06-25' : '2032-01-01', valid_to: null, origin: 'manual', version: 1 }
}
function visit(id: number, day: string, target: Contact['target'], notes: string): Contact {
  return {
    id,
    person: { id: 2, name: '欧阳强' },
    target,
    occurred_on: day,
    kind: 'visit',
    place: '民宿前台',
    notes,
    requests: [],
    version: 1,
  }
}
const AS_TARGET = { kind: 'enterprise' as const, id: 25, name: FIRM.name, region: PENGJIA }

/** A request the enterprise raised on a visit: late, escalated to the town. */
const LATE: RequestRecord = {
  id: 12,
  region: PENGJIA,
  requester: { kind: 'enterprise', id: 25, name: FIRM.name },
  category: 'land',
  title: '停车场用地审批',
  detail: '',
  source: 'visit',
  contact_id: 5,
  event_id: null,
  raised_on: '2026-03-02',
  owner: { kind: 'person', id: 7, name: '钟峰娟' },
  handlers: [],
  due_on: '2026-03-30',
  status: 'accepted',
  status_type: 'open',
  overdue: true,
  days_overdue: 4,
  escalation: 'town',
  resolution: '',
  resolved_on: null,
  rating: null,
  rating_comment: '',
  rated_on: null,
  reopened: 0,
  actions: [],
  created_at: '',
  updated_at: '',
  version: 2,
}
const TAN_TARGET = { kind: 'person' as const, ...TAN, region: PENGJIA }

/** The demo's 大元井民宿: 谭龙兰 a member with a leader, 邹小梅 a member without, one former member; a county cadre; two visits. */
function server(r: SentRequest): Response {
  const url = r.url
  if (url === '/api/v1/enterprises/25') return json(200, FIRM)
  if (url.startsWith('/api/v1/memberships?')) {
    return json(200, { items: [member(1, TAN, null, 'vice_president'), member(2, ZOU, null), member(3, { id: 9, name: '李退' }, '2024-01-01')], total: 3 })
  }
  if (url.startsWith('/api/v1/pairings?') && url.includes('target_kind=enterprise')) {
    return json(200, { items: [pairing(70, 6, { id: 301, name: '雷建国' }, AS_TARGET)], total: 1 })
  }
  if (url.startsWith('/api/v1/pairings?') && url.includes('target=214')) {
    return json(200, { items: [pairing(25, 1, { id: 7, name: '钟峰娟' }, TAN_TARGET)], total: 1 })
  }
  if (url.startsWith('/api/v1/pairings?')) return json(200, { items: [], total: 0 })
  if (url.startsWith('/api/v1/contacts?') && url.includes('target_kind=enterprise')) {
    return json(200, { items: [{ ...visit(5, '2026-03-02', AS_TARGET, '了解客房改造进度'), requests: [{ id: 12, title: '停车场用地审批', status: 'accepted' }] }], total: 1 })
  }
  if (url.startsWith('/api/v1/requests?')) return json(200, { items: [LATE], total: 23 })
  if (url.startsWith('/api/v1/contacts?') && url.includes('target=214')) {
    return json(200, { items: [visit(9, '2026-05-10', TAN_TARGET, '协调旅游旺季用工')], total: 1 })
  }
  if (url.startsWith('/api/v1/contacts?')) return json(200, { items: [], total: 0 })
  return json(200, { items: [], total: 0 })
}

async function openPage(permissions: string[], answer: (r: SentRequest) => Response = server) {
  const sent = stubFetch(answer)
  const pinia = signedIn({ permissions })
  const stub = { render: () => h('div') }
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/enterprises', name: 'enterprises', component: stub },
      { path: '/enterprises/:id', name: 'enterprise', component: EnterpriseDetailView },
      { path: '/people/:id', name: 'person', component: stub },
      { path: '/chamber', name: 'chamber', component: stub },
      { path: '/contacts/new', name: 'contact-new', component: stub },
      { path: '/requests/:id', name: 'request', component: stub },
    ],
  })
  await router.push('/enterprises/25')
  const wrapper = mount(defineComponent({ render: () => h(RouterView) }), { global: { plugins: [pinia, router, i18n] }, attachTo: document.body })
  await flushPromises()
  await flushPromises()
  return { wrapper, sent }
}

const section = (name: string) => document.querySelector(`[data-test="enterprise-${name}"]`)
/** A section's text without spaces (elements' text runs together). */
const text = (name: string) => section(name)?.textContent?.replace(/\s+/g, '') ?? ''
const asked = (sent: SentRequest[], path: string) => sent.filter((r) => r.url.startsWith(path)).map((r) => r.url)

describe('an enterprise’s page', () => {
  beforeEach(() => {
    i18n.global.locale.value = 'zh-CN'
    document.body.innerHTML = ''
  })

  it('shows who answers for it: the county cadre in contact, its entrepreneurs’ leaders, and an entrepreneur nobody answers for', async () => {
    const { wrapper, sent } = await openPage(['enterprises.read', 'memberships.read', 'pairing.read', 'people.read'])
    expect(asked(sent, '/api/v1/pairings')).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\/api\/v1\/pairings\?target_kind=enterprise&target=25&date=\d{4}-\d{2}-\d{2}&page_size=200$/),
        expect.stringMatching(/^\/api\/v1\/pairings\?level=1&target_kind=person&target=214&/),
        expect.stringMatching(/^\/api\/v1\/pairings\?level=1&target_kind=person&target=230&/),
      ]),
    )
    // The former member is no entrepreneur of the enterprise any more.
    expect(asked(sent, '/api/v1/pairings').some((u) => u.includes('target=9&'))).toBe(false)
    expect(text('pairings')).toContain('县直干部雷建国联系本企业')
    expect(text('pairings')).toContain('镇领导钟峰娟包保企业家谭龙兰')
    expect(text('pairings')).toContain('镇领导包保企业家·自2022-06-25')
    expect(section('pairings')?.querySelector('[data-test="enterprise-unpaired"]')?.textContent).toContain('企业家 邹小梅 目前没有镇领导包保')
    wrapper.unmount()
  })

  it('lists its chamber members, former ones greyed', async () => {
    const { wrapper, sent } = await openPage(['enterprises.read', 'memberships.read'])
    expect(asked(sent, '/api/v1/memberships')).toEqual(['/api/v1/memberships?enterprise=25&page_size=200&all=true'])
    expect(text('members')).toContain('谭龙兰副会长')
    expect(text('members')).toContain('楠市镇商会·2022-06-25入会·会费已缴')
    const former = section('members')!.querySelector('li.sl-ended')!
    expect(former.textContent).toContain('李退')
    expect(former.textContent).toContain('已退会')
    expect(former.textContent).toContain('2022-06-25 – 2024-01-01')
    // Without pairing.read or contacts.read those sections are not there, nor asked for.
    expect(section('pairings')).toBeNull()
    expect(section('visits')).toBeNull()
    expect(section('requests')).toBeNull()
    expect(asked(sent, '/api/v1/pairings')).toEqual([])
    expect(asked(sent, '/api/v1/contacts')).toEqual([])
    wrapper.unmount()
  })

  it('lists the visits to it and to its entrepreneurs, newest first, and offers to log one', async () => {
    const { wrapper, sent } = await openPage(['enterprises.read', 'memberships.read', 'pairing.read', 'contacts.read', 'contacts.write'])
    expect(asked(sent, '/api/v1/contacts')).toEqual([
      '/api/v1/contacts?target_kind=enterprise&target=25&page_size=20',
      '/api/v1/contacts?target_kind=person&target=214&page_size=20',
      '/api/v1/contacts?target_kind=person&target=230&page_size=20',
    ])
    const rows = [...section('visits')!.querySelectorAll('li')].map((li) => li.textContent?.replace(/\s+/g, ' ').trim())
    expect(rows[0]).toContain('2026-05-10')
    expect(rows[0]).toContain('走访企业家 谭龙兰')
    expect(rows[0]).toContain('协调旅游旺季用工')
    expect(rows[1]).toContain('2026-03-02')
    expect(rows[1]).toContain('民宿前台 · 了解客房改造进度')
    const log = section('visits')!.querySelector('[data-test="enterprise-log-visit"]')
    expect(log?.textContent).toContain('记录走访')
    wrapper.unmount()
  })

  it('lists the requests it raised, late ones marked, and those raised on each visit', async () => {
    const { wrapper, sent } = await openPage(['enterprises.read', 'contacts.read', 'requests.read'])
    expect(asked(sent, '/api/v1/requests')).toEqual(['/api/v1/requests?requester_enterprise=25&page_size=20'])
    const requests = section('requests')!
    expect(requests.querySelector('h2')?.textContent).toBe('企业诉求')
    expect(requests.querySelector('[data-test="linked-request-12"]')?.getAttribute('href')).toBe('/requests/12')
    expect(requests.querySelector('[data-test="request-overdue"]')?.textContent?.trim()).toBe('超期 4 天')
    expect(requests.querySelector('[data-test="request-escalation"]')?.textContent?.trim()).toBe('已升级至镇')
    expect(text('requests')).toContain('用地·2026-03-02·钟峰娟')
    expect(text('requests')).toContain('只列出最近1条，共23条。')
    // The visit names its request.
    expect(section('visits')?.querySelector('[data-test="request-ref-12"] a')?.getAttribute('href')).toBe('/requests/12')
    wrapper.unmount()
  })

  it('says so when there is nobody and nothing yet', async () => {
    const empty = (r: SentRequest) => (r.url === '/api/v1/enterprises/25' ? json(200, { ...FIRM, legal_representative: null }) : json(200, { items: [], total: 0 }))
    const { wrapper } = await openPage(['enterprises.read', 'memberships.read', 'pairing.read', 'contacts.read', 'requests.read'], empty)
    expect(text('pairings')).toContain('目前没有干部联系这家企业或包保它的企业家。')
    expect(text('requests')).toContain('这家企业还没有诉求记录。')
    expect(text('members')).toContain('这家企业在商会中还没有会员。')
    expect(text('visits')).toContain('还没有走访这家企业或其企业家的记录。')
    // A reader of contacts logs none.
    expect(document.querySelector('[data-test="enterprise-log-visit"]')).toBeNull()
    wrapper.unmount()
  })
})

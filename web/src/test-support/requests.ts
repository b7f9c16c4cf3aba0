import type { RequestCategory, RequestDetail, RequestRecord, RequestStats, RequestStatus } from '@/api/types'

const PENGJIA = { code: '431127103224', name: '朋佳村' }

/**
 * A request as the server describes one (docs/api.md): 朋佳中草药 asks on a
 * visit for the land of a drying shed; the mayor owns it and forwarded it to
 * the village collective; it is in progress and not yet due.
 */
export function makeRequest(overrides: Partial<RequestRecord> = {}): RequestRecord {
  return {
    id: 12,
    region: { ...PENGJIA, path: '43/4311/431127/431127103/431127103224/' },
    requester: { kind: 'enterprise', id: 9, name: '蓝山县朋佳中草药种植有限公司' },
    category: 'land',
    title: '晾晒棚用地审批',
    detail: '需新建晾晒棚约 300 平方米',
    source: 'visit',
    contact_id: 41,
    event_id: null,
    raised_on: '2022-03-07',
    owner: { kind: 'person', id: 3, name: '曾进龙' },
    handlers: [{ kind: 'organization', id: 17, name: '朋佳村股份经济合作社', added_on: '2022-03-08', note: '请核实用地性质' }],
    due_on: '2022-04-01',
    status: 'in_progress',
    status_type: 'open',
    overdue: false,
    days_overdue: 0,
    escalation: 'none',
    resolution: '',
    resolved_on: null,
    rating: null,
    rating_comment: '',
    rated_on: null,
    reopened: 0,
    actions: ['forward', 'progress', 'resolve', 'escalate', 'withdraw'],
    created_at: '2022-03-07T02:00:00Z',
    updated_at: '2022-03-08T02:00:00Z',
    version: 3,
    ...overrides,
  }
}

/** The request with its timeline: registered on the visit, then forwarded. */
export function makeDetail(overrides: Partial<RequestDetail> = {}): RequestDetail {
  return {
    ...makeRequest(),
    timeline: [
      {
        id: 1,
        action: 'create',
        from_status: null,
        to_status: 'registered',
        at: '2022-03-07T02:00:00Z',
        actor: { user: 'zhenzhang', name: '廖英杰' },
        note: '',
        handler: null,
        rating: null,
        due_on: '2022-04-01',
      },
      {
        id: 2,
        action: 'forward',
        from_status: 'registered',
        to_status: 'in_progress',
        at: '2022-03-08T02:00:00Z',
        actor: { user: 'nanshi', name: '楠市镇党政办' },
        note: '请核实用地性质',
        handler: { kind: 'organization', id: 17, name: '朋佳村股份经济合作社' },
        rating: null,
        due_on: null,
      },
    ],
    ...overrides,
  }
}

const names = (zhCN: string, zhTW: string, en: string) => ({ 'zh-CN': zhCN, 'zh-TW': zhTW, en })

export const CATEGORIES: RequestCategory[] = [
  { code: 'finance', names: names('融资', '融資', 'Finance'), time_limit_days: 15, town_after_days: 0, county_after_days: 10, sort_order: 1, builtin: true, version: 1 },
  { code: 'land', names: names('用地', '用地', 'Land use'), time_limit_days: 20, town_after_days: 0, county_after_days: 10, sort_order: 2, builtin: true, version: 1 },
  { code: 'labour', names: names('用工', '用工', 'Labour'), time_limit_days: 10, town_after_days: 0, county_after_days: 5, sort_order: 3, builtin: true, version: 1 },
  { code: 'water', names: names('水电保障', '水電保障', 'Water and power'), time_limit_days: 10, town_after_days: 0, county_after_days: 5, sort_order: 9, builtin: false, version: 1 },
]

export const STATUSES: RequestStatus[] = [
  { code: 'registered', names: names('登记', '登記', 'Registered'), type: 'open', sort_order: 1 },
  { code: 'accepted', names: names('受理', '受理', 'Accepted'), type: 'open', sort_order: 2 },
  { code: 'in_progress', names: names('办理中', '辦理中', 'In progress'), type: 'open', sort_order: 3 },
  { code: 'reopened', names: names('重办', '重辦', 'Reopened'), type: 'open', sort_order: 4 },
  { code: 'resolved', names: names('办结', '辦結', 'Resolved'), type: 'closed', sort_order: 5 },
  { code: 'rated', names: names('已评价', '已評價', 'Rated'), type: 'closed', sort_order: 6 },
  { code: 'withdrawn', names: names('已撤回', '已撤回', 'Withdrawn'), type: 'closed', sort_order: 7 },
]

/** 楠市镇's requests of 2022, with two of its villages. */
export const REQUEST_STATS: RequestStats = {
  region: { code: '431127103', name: '楠市镇', level: 'town' },
  from: '2022-01-01',
  to: '2022-12-31',
  total: 43,
  open: 4,
  overdue: 2,
  resolved: 38,
  on_time: 34,
  on_time_rate: 0.8947,
  rated: 35,
  satisfied: 33,
  satisfaction_rate: 0.9429,
  median_days_to_resolve: 9,
  by_category: [
    { category: 'land', total: 10, open: 2, overdue: 1, resolved: 8, on_time_rate: 0.75, satisfaction_rate: 1 },
    { category: 'labour', total: 33, open: 2, overdue: 1, resolved: 30, on_time_rate: 0.93, satisfaction_rate: 0.93 },
    { category: 'finance', total: 0, open: 0, overdue: 0, resolved: 0, on_time_rate: null, satisfaction_rate: null },
  ],
  by_child: [
    {
      region: { code: '431127103224', name: '朋佳村' },
      total: 12,
      open: 2,
      overdue: 1,
      resolved: 10,
      on_time_rate: 0.8,
      satisfaction_rate: 0.9,
      median_days_to_resolve: 8,
    },
    {
      region: { code: '431127103228', name: '甘溪村' },
      total: 0,
      open: 0,
      overdue: 0,
      resolved: 0,
      on_time_rate: null,
      satisfaction_rate: null,
      median_days_to_resolve: null,
    },
  ],
}

/** Answers the categories and statuses of requests, or undefined for other addresses. */
export function requestCodes(url: string): Response | undefined {
  const answer = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } })
  if (url === '/api/v1/request-categories') return answer({ items: CATEGORIES })
  if (url === '/api/v1/request-statuses') return answer({ items: STATUSES })
  return undefined
}

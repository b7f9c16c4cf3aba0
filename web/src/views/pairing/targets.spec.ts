import { describe, expect, it } from 'vitest'
import { defineComponent } from 'vue'
import { mount } from '@vue/test-utils'
import { i18n } from '@/i18n'
import { useLabels, type Labels } from '@/composables/useLabels'
import { json, stubFetch, type SentRequest } from '@/test-support/fetch'
import { loadLevelTargets, searchTargets } from './targets'

/** The labels of a component, in Simplified Chinese. */
function chineseLabels(): Labels {
  i18n.global.locale.value = 'zh-CN'
  let labels!: Labels
  mount(
    defineComponent({
      setup() {
        labels = useLabels()
        return () => null
      },
    }),
    { global: { plugins: [i18n] } },
  )
  return labels
}

const NANSHI = { code: '431127103', name: '楠市镇' }
const PENGJIA = { code: '431127103224', name: '朋佳村' }
const urls = (sent: SentRequest[]) => sent.map((r) => r.url)

describe('the targets a new pairing can be for', () => {
  it('offers activists and candidates together, in name order, for mentoring (level 5)', async () => {
    const labels = chineseLabels()
    const activist = { id: 31, name: '张小红', region: PENGJIA, party_stage: { stage: 'activist', since: '2031-03-01' } }
    const candidate = { id: 32, name: '蔡文', region: NANSHI, party_stage: { stage: 'candidate', since: '2032-06-01' } }
    const sent = stubFetch((r) => json(200, { items: r.url.includes('activist') ? [activist] : [candidate], total: 1 }))

    const found = await searchTargets({ level: 5, region: '431127103', date: '2033-01-01' }, ' 张 ', labels)

    expect(urls(sent)).toEqual([
      `/api/v1/people?q=${encodeURIComponent('张')}&region=431127103&party_stage=activist&date=2033-01-01&page_size=20`,
      `/api/v1/people?q=${encodeURIComponent('张')}&region=431127103&party_stage=candidate&date=2033-01-01&page_size=20`,
    ])
    expect(found.map((o) => [o.target.name, o.ref, o.meta])).toEqual([
      ['蔡文', 32, '发展对象 · 楠市镇'],
      ['张小红', 31, '入党积极分子 · 朋佳村'],
    ])
    expect(found[1].target).toEqual({ kind: 'person', id: 31, name: '张小红', region: PENGJIA })
  })

  it('offers the region’s enterprises with their industry for county cadres (level 6)', async () => {
    const labels = chineseLabels()
    const sent = stubFetch(() =>
      json(200, { items: [{ id: 12, name: '蓝山县楠市花生专业合作社', uscc: 'X', industry: 'agriculture', region: PENGJIA }], total: 1 }),
    )

    const found = await searchTargets({ level: 6, region: '431127', date: '2032-01-01' }, '', labels)

    expect(urls(sent)).toEqual(['/api/v1/enterprises?region=431127&page_size=20'])
    expect(found).toEqual([
      {
        key: 'enterprise:12',
        target: { kind: 'enterprise', id: 12, name: '蓝山县楠市花生专业合作社', region: PENGJIA },
        ref: 12,
        meta: '农、林、牧、渔业 · 朋佳村',
      },
    ])
  })

  it('offers a town’s villages (level 2) by code, and keeps a name search inside the board’s region', async () => {
    const labels = chineseLabels()
    const sent = stubFetch((r) =>
      r.url.includes('parent=')
        ? json(200, { items: [{ ...PENGJIA, level: 'village' }, { code: '431127103001', name: '镇东社区', level: 'village' }], total: 2 })
        : json(200, {
            items: [
              { ...PENGJIA, level: 'village', ancestors: [{ code: '431127', name: '蓝山县' }, NANSHI] },
              { code: '431127104201', name: '朋佳岭村', level: 'village', ancestors: [] },
              { code: '431127103224-01', name: '朋佳1组', level: 'group', ancestors: [] },
            ],
            total: 3,
          }),
    )
    const scope = { level: 2 as const, region: '431127103', date: '2022-10-20' }

    const children = await searchTargets(scope, '', labels)
    expect(children.map((o) => [o.key, o.ref])).toEqual([
      ['region:431127103224', '431127103224'],
      ['region:431127103001', '431127103001'],
    ])
    const found = await searchTargets(scope, 'pengjia', labels)
    expect(found.map((o) => [o.target.name, o.meta])).toEqual([['朋佳村', '楠市镇']])
    expect(urls(sent)).toEqual(['/api/v1/regions?parent=431127103', '/api/v1/regions?q=pengjia&page=1&page_size=20'])
  })

  it('offers each chamber member once (level 1), named by their enterprise', async () => {
    const labels = chineseLabels()
    const member = (id: number, enterprise: string | null) => ({
      id,
      chamber: { id: 1, name: '楠市镇商会' },
      person: { id: 219, name: '蒋金家' },
      enterprise: enterprise ? { id: 5, name: enterprise } : null,
      post: 'member',
    })
    stubFetch(() => json(200, { items: [member(1, '金家粉业'), member(2, null)], total: 2 }))

    const found = await searchTargets({ level: 1, region: '431127103', date: '2022-10-20' }, '', labels)
    expect(found.map((o) => [o.key, o.meta])).toEqual([['person:219', '金家粉业']])
  })
})

describe('every target of a level on a day', () => {
  const activist = (id: number, name: string) => ({ id, name, region: PENGJIA, party_stage: { stage: 'activist', since: '2022-03-01' } })

  it('reads the activists and candidates held that day, page after page, each once (level 5)', async () => {
    const labels = chineseLabels()
    const many = Array.from({ length: 200 }, (_, i) => activist(1000 + i, `积极分子${i}`))
    const sent = stubFetch((r) => {
      if (r.url.includes('candidate')) return json(200, { items: [activist(7, '蔡文')], total: 1 })
      return json(200, r.url.includes('page=1&') ? { items: many, total: 201 } : { items: [activist(6, '邓春')], total: 201 })
    })

    const found = await loadLevelTargets({ level: 5, region: '431127103', date: '2022-10-20' }, labels, () => true)

    expect(urls(sent)).toEqual([
      '/api/v1/people?region=431127103&party_stage=activist&date=2022-10-20&page=1&page_size=200',
      '/api/v1/people?region=431127103&party_stage=candidate&date=2022-10-20&page=1&page_size=200',
      '/api/v1/people?region=431127103&party_stage=activist&date=2022-10-20&page=2&page_size=200',
    ])
    expect(found).toHaveLength(202)
    expect(found!.slice(0, 2).map((o) => [o.target.name, o.meta])).toEqual([
      ['蔡文', '入党积极分子 · 朋佳村'],
      ['邓春', '入党积极分子 · 朋佳村'],
    ])
  })

  it('leaves out projects not started by the day (level 4), and has nothing for villages or without the ledger', async () => {
    const labels = chineseLabels()
    const project = (id: number, name: string, started: string) => ({ id, name, kind: 'industry', region: PENGJIA, started_on: started })
    const sent = stubFetch(() => json(200, { items: [project(1, '油茶基地', '2022-03-01'), project(2, '冷链仓库', '2023-05-01')], total: 2 }))

    const found = await loadLevelTargets({ level: 4, region: '431127103', date: '2022-10-20' }, labels, () => true)
    expect(found!.map((o) => o.target.name)).toEqual(['油茶基地'])

    expect(await loadLevelTargets({ level: 2, region: '431127103', date: '2022-10-20' }, labels, () => true)).toBeNull()
    expect(await loadLevelTargets({ level: 6, region: '431127103', date: '2022-10-20' }, labels, () => false)).toBeNull()
    expect(urls(sent)).toHaveLength(1)
  })
})

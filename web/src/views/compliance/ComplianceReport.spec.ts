import { beforeEach, describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import type { Compliance, LevelCompliance, PairingLevel } from '@/api/types'
import { i18n } from '@/i18n'
import { useSessionStore } from '@/stores/session'
import { json, stubFetch } from '@/test-support/fetch'
import { makeUser } from '@/test-support/users'
import ComplianceReport from './ComplianceReport.vue'

const FIRM = { kind: 'enterprise' as const, id: 12, name: '楠市花生合作社', region: { code: '431127103224', name: '朋佳村' } }

function level(n: PairingLevel, targets: number, covered: number, partial: Partial<LevelCompliance> = {}): LevelCompliance {
  return { level: n, targets, covered, uncovered: [], uncovered_total: targets - covered, over: [], over_total: 0, ...partial }
}

/** 蓝山县 on a day its county campaign (level 6) is judged and no town mentors activists by rule (level 5). */
function county(): Compliance {
  const town = (code: string, name: string, firms: number, covered: number) => ({
    region: { code, name },
    ok: covered === firms,
    gaps: firms - covered,
    levels: [1, 2, 3, 4, 5, 6].map((n) => ({ level: n as PairingLevel, targets: n === 6 ? firms : 0, covered: n === 6 ? covered : 0 })),
    over: 0,
    quotas_failing: 0,
    overdue: 0,
  })
  return {
    region: { code: '431127', name: '蓝山县', level: 'county' },
    date: '2032-01-01',
    ok: false,
    levels: [
      level(1, 0, 0),
      level(2, 0, 0),
      level(3, 0, 0),
      level(4, 0, 0),
      level(5, 0, 0),
      level(6, 40, 39, { uncovered: [{ target: FIRM, sources: 0, min: 1, max: 1 }], uncovered_total: 1 }),
    ],
    quotas: [],
    quotas_total: 0,
    quotas_failing: 0,
    overdue: [],
    overdue_total: 0,
    towns: [town('431127103', '楠市镇', 31, 30), town('431127104', '所城镇', 9, 9)],
  }
}

async function mountReport(compliance: Compliance) {
  stubFetch(() => json(404, {}))
  const pinia = createPinia()
  setActivePinia(pinia)
  useSessionStore().user = makeUser({ permissions: ['compliance.read', 'pairing.read', 'pairing.write'] })
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', component: { template: '<div />' } },
      { path: '/pairing', name: 'pairing', component: { template: '<div />' } },
      { path: '/people/:id', name: 'person', component: { template: '<div />' } },
    ],
  })
  await router.push('/')
  const wrapper = mount(ComplianceReport, { props: { compliance }, global: { plugins: [pinia, router, i18n] }, attachTo: document.body })
  await flushPromises()
  return wrapper
}

const gauges = () => [...document.querySelectorAll<HTMLElement>('[data-test^="gauge-level-"]')].map((g) => g.dataset.test)

describe('the compliance report’s levels', () => {
  beforeEach(() => {
    i18n.global.locale.value = 'zh-CN'
    document.body.innerHTML = ''
  })

  it('shows the four levels always, and a campaign level only where a rule judges targets', async () => {
    const wrapper = await mountReport(county())
    expect(gauges()).toEqual(['gauge-level-1', 'gauge-level-2', 'gauge-level-3', 'gauge-level-4', 'gauge-level-6'])
    const campaign = document.querySelector('[data-test="gauge-level-6"]')!.textContent ?? ''
    expect(campaign).toContain('39 / 40')
    expect(campaign).toContain('干部联企')
    expect(campaign).toContain('县直干部联系企业')
    expect(campaign).toContain('空缺 1')

    const heads = [...document.querySelectorAll('[data-test="compliance-towns"] thead th')].map((th) => th.textContent?.trim())
    expect(heads).toContain('干部联企')
    expect(heads).not.toContain('培养联系')
    const cells = [...document.querySelectorAll<HTMLElement>('[data-test="town-level-6"]')].map((c) => c.textContent?.trim())
    expect(cells).toEqual(['30 / 31', '9 / 9'])

    const uncovered = document.querySelector('[data-test="compliance-uncovered"]')!.textContent ?? ''
    expect(uncovered).toContain('楠市花生合作社')
    expect(uncovered).toContain('干部联企')
    wrapper.unmount()
  })

  it('leaves both campaign levels out when nothing is judged at them', async () => {
    const answer = county()
    answer.levels[5] = level(6, 0, 0)
    answer.towns = []
    const wrapper = await mountReport(answer)
    expect(gauges()).toEqual(['gauge-level-1', 'gauge-level-2', 'gauge-level-3', 'gauge-level-4'])
    wrapper.unmount()
  })
})

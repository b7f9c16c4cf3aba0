import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { ElDatePicker, ElSelect, ElTimePicker } from 'element-plus'
import type { EventRecord } from '@/api/types'
import { i18n } from '@/i18n'
import { dialogSpecPerTest } from '@/test-support/dialogs'
import { EVENT_KINDS, makeEvent } from '@/test-support/events'
import { apiError, json, stubFetch, type SentRequest } from '@/test-support/fetch'
import { signedIn } from '@/test-support/users'
import EventFormDialog from './EventFormDialog.vue'

const TRIP = makeEvent({
  id: 4,
  kind: 'study_trip',
  group: 'trip',
  title: '赴佛山考察',
  starts_at: '2022-07-12T08:00',
  ends_at: '2022-07-15',
  place: '广东省佛山市',
  partners: [{ id: 9, name: '湖南农业大学', kind: 'external' }],
  projects: [
    { id: 1, name: '十三道面条扩产' },
    { id: 2, name: '愚公岩生态旅游' },
  ],
  version: 3,
})

async function openEdit(event: EventRecord, answer: (request: SentRequest) => Response) {
  const pinia = signedIn({ permissions: ['events.read', 'events.write'] })
  const sent = stubFetch((r) => (r.url.startsWith('/api/v1/event-kinds') ? json(200, { items: EVENT_KINDS }) : answer(r)))
  const wrapper = mount(EventFormDialog, { props: { open: false, event }, global: { plugins: [pinia, i18n] }, attachTo: document.body })
  await wrapper.setProps({ open: true })
  await flushPromises()
  return { wrapper, sent }
}

async function type(selector: string, value: string) {
  const element = document.querySelector(selector) as HTMLInputElement | HTMLTextAreaElement
  element.value = value
  element.dispatchEvent(new Event('input'))
  await flushPromises()
}

async function save(): Promise<void> {
  ;(document.querySelector('[data-test="event-save"]') as HTMLElement).click()
  await flushPromises()
}

/** The message beside the form item with this label. */
function fieldError(label: string): string {
  const item = [...document.querySelectorAll('.el-form-item')].find((el) => el.querySelector('.el-form-item__label')?.textContent?.trim() === label)
  return item?.querySelector('.el-form-item__error')?.textContent?.trim() ?? ''
}

describe('editing an event', () => {
  dialogSpecPerTest()

  it('fills the form from the event and sends only what changed, with the version it started from', async () => {
    const { wrapper, sent } = await openEdit(TRIP, (r) => json(200, { ...TRIP, ...(r.body as object), version: 4 }))
    expect((document.querySelector('input[data-test="event-title"]') as HTMLInputElement).value).toBe('赴佛山考察')
    expect(document.querySelector('[data-test="event-partners"]')?.textContent).toContain('湖南农业大学')
    expect(document.querySelector('[data-test="event-projects"]')?.textContent).toContain('愚公岩生态旅游')

    await type('input[data-test="event-title"]', '赴广东佛山学习考察')
    await type('textarea[data-test="event-decisions"]', '引进面条自动化生产线\n与佛山商会结对')
    await save()

    const patch = sent.filter((r) => r.method === 'PATCH')
    expect(patch.map((r) => r.url)).toEqual(['/api/v1/events/4'])
    expect(patch[0].body).toEqual({ version: 3, title: '赴广东佛山学习考察', decisions: '引进面条自动化生产线\n与佛山商会结对' })
    expect(wrapper.emitted('saved')?.[0]?.[1]).toBe(false)
    wrapper.unmount()
  })

  it('shows the server’s objections beside their fields', async () => {
    const { wrapper } = await openEdit(TRIP, () =>
      apiError(422, 'invalid', '输入有误', { ends_at: '结束时间不能早于开始时间', organizers: '组织不在您的录入范围内' }),
    )
    await type('input[data-test="event-title"]', '赴佛山考察（补录）')
    await save()
    await vi.waitFor(() => expect(['结束', '主办单位'].map(fieldError)).toEqual(['结束时间不能早于开始时间', '组织不在您的录入范围内']))
    expect(document.querySelector('.sl-form-error')?.textContent).toContain('有些内容需要修改')
    wrapper.unmount()
  })

  it('adds an event in the user’s region, its day and time joined as the server takes them', async () => {
    const pinia = signedIn({ permissions: ['events.read', 'events.write'] })
    const sent = stubFetch((r) => (r.url.startsWith('/api/v1/event-kinds') ? json(200, { items: EVENT_KINDS }) : json(201, makeEvent({ id: 9 }))))
    const wrapper = mount(EventFormDialog, { props: { open: false, event: null }, global: { plugins: [pinia, i18n] }, attachTo: document.body })
    await wrapper.setProps({ open: true })
    await flushPromises()
    expect(document.querySelector('.el-dialog__title')?.textContent).toBe('新增活动')

    wrapper.findAllComponents(ElSelect).find((s) => s.attributes('data-test') === 'event-kind')!.vm.$emit('update:modelValue', 'farmer_training')
    await type('input[data-test="event-title"]', '高素质农民培育（第二期）')
    wrapper.findAllComponents(ElDatePicker)[0].vm.$emit('update:modelValue', '2022-05-20')
    wrapper.findAllComponents(ElTimePicker)[0].vm.$emit('update:modelValue', '09:00')
    // An end time alone ends on the first day.
    wrapper.findAllComponents(ElTimePicker)[1].vm.$emit('update:modelValue', '17:30')
    await flushPromises()
    await save()

    const posts = sent.filter((r) => r.method === 'POST')
    expect(posts.map((r) => r.url)).toEqual(['/api/v1/events'])
    expect(posts[0].body).toEqual({
      kind: 'farmer_training',
      title: '高素质农民培育（第二期）',
      region: '431127103',
      starts_at: '2022-05-20T09:00',
      ends_at: '2022-05-20T17:30',
      unregistered_count: 0,
    })
    expect(wrapper.emitted('saved')?.[0]?.[1]).toBe(true)
    wrapper.unmount()
  })
})

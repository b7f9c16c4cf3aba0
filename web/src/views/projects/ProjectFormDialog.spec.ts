import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { ElDatePicker, ElSelect } from 'element-plus'
import type { Project } from '@/api/types'
import { i18n } from '@/i18n'
import { dialogSpecPerTest } from '@/test-support/dialogs'
import { apiError, json, stubFetch, type SentRequest } from '@/test-support/fetch'
import { makeProject } from '@/test-support/projects'
import { signedIn } from '@/test-support/users'
import { todayIso } from '@/utils/dates'
import ProjectFormDialog from './ProjectFormDialog.vue'

const YUGONG = makeProject()

async function openDialog(project: Project | null, answer: (request: SentRequest) => Response, roles = ['town_office']) {
  const pinia = signedIn({ permissions: ['projects.read', 'projects.write'], roles })
  const sent = stubFetch(answer)
  const wrapper = mount(ProjectFormDialog, { props: { open: false, project }, global: { plugins: [pinia, i18n] }, attachTo: document.body })
  await wrapper.setProps({ open: true })
  await flushPromises()
  return { wrapper, sent }
}

function select(wrapper: ReturnType<typeof mount>, test: string, value: unknown) {
  wrapper.findAllComponents(ElSelect).find((s) => s.attributes('data-test') === test)!.vm.$emit('update:modelValue', value)
}

/** The form's date pickers, in order: the stage's day, then the start. */
function picker(wrapper: ReturnType<typeof mount>, which: 'stage_on' | 'started_on') {
  return wrapper.findAllComponents(ElDatePicker)[which === 'stage_on' ? 0 : 1]
}

async function type(selector: string, value: string) {
  const element = document.querySelector(selector) as HTMLInputElement | HTMLTextAreaElement
  element.value = value
  element.dispatchEvent(new Event('input'))
  await flushPromises()
}

async function save(): Promise<void> {
  ;(document.querySelector('[data-test="project-save"]') as HTMLElement).click()
  await flushPromises()
}

/** The message beside the form item with this label. */
function fieldError(label: string): string {
  const item = [...document.querySelectorAll('.el-form-item')].find((el) => el.querySelector('.el-form-item__label')?.textContent?.trim() === label)
  return item?.querySelector('.el-form-item__error')?.textContent?.trim() ?? ''
}

describe('the project form', () => {
  dialogSpecPerTest()

  it('adds a project in the user’s region, negotiating from today unless told otherwise', async () => {
    const { wrapper, sent } = await openDialog(null, () => json(201, makeProject({ id: 9 })))
    expect(document.querySelector('.el-dialog__title')?.textContent).toBe('新增项目')
    select(wrapper, 'project-kind', 'investment')
    await type('input[data-test="project-name"]', '佛山考察签约项目')
    await type('textarea[data-test="project-description"]', '面条自动化生产线')
    await save()
    const posts = sent.filter((r) => r.method === 'POST')
    expect(posts.map((r) => r.url)).toEqual(['/api/v1/projects'])
    expect(posts[0].body).toEqual({
      kind: 'investment',
      name: '佛山考察签约项目',
      region: '431127103',
      description: '面条自动化生产线',
      stage: 'negotiating',
      stage_on: todayIso(),
    })
    expect(wrapper.emitted('saved')?.[0]?.[1]).toBe(true)
    wrapper.unmount()
  })

  it('moves a project to another stage as a new step dated that day, with the version it started from', async () => {
    const { wrapper, sent } = await openDialog(YUGONG, (r) => json(200, { ...YUGONG, ...(r.body as object), version: 4 }))
    expect((document.querySelector('input[data-test="project-name"]') as HTMLInputElement).value).toBe('愚公岩旅游区')
    expect(document.querySelector('[data-test="project-enterprises"]')?.textContent).toContain('愚公岩生态旅游有限公司')
    select(wrapper, 'project-stage', 'terminated')
    await flushPromises()
    // A new stage starts today unless another day is chosen.
    expect(picker(wrapper, 'stage_on').props('modelValue')).toBe(todayIso())
    picker(wrapper, 'stage_on').vm.$emit('update:modelValue', '2023-01-15')
    await flushPromises()
    await save()
    const patches = sent.filter((r) => r.method === 'PATCH')
    expect(patches.map((r) => r.url)).toEqual(['/api/v1/projects/7'])
    expect(patches[0].body).toEqual({ version: 3, stage: 'terminated', stage_on: '2023-01-15' })
    expect(wrapper.emitted('saved')?.[0]?.[1]).toBe(false)
    wrapper.unmount()
  })

  it('corrects the current stage’s day by sending the history with its last step’s day changed', async () => {
    const { wrapper, sent } = await openDialog(YUGONG, (r) => json(200, { ...YUGONG, ...(r.body as object) }))
    picker(wrapper, 'stage_on').vm.$emit('update:modelValue', '2021-06-18')
    await flushPromises()
    await save()
    expect(sent.filter((r) => r.method === 'PATCH').map((r) => r.body)).toEqual([
      {
        version: 3,
        stages: [
          { stage: 'negotiating', on: '2019-03-01' },
          { stage: 'building', on: '2019-10-01' },
          { stage: 'producing', on: '2021-06-18' },
        ],
      },
    ])
    wrapper.unmount()
  })

  it('tells the chamber’s secretary to name a member enterprise, and shows the server’s objection there', async () => {
    const { wrapper } = await openDialog(
      null,
      () => apiError(422, 'invalid', '输入有误', { enterprise_ids: '请选择至少一家本商会会员的企业' }),
      ['chamber_secretary'],
    )
    expect(document.querySelector('[data-test="project-dialog"]')?.textContent).toContain('商会秘书只能录入商会会员企业的项目')
    select(wrapper, 'project-kind', 'industry')
    await type('input[data-test="project-name"]', '油茶基地')
    await save()
    await vi.waitFor(() => expect(fieldError('业主企业')).toBe('请选择至少一家本商会会员的企业'))
    wrapper.unmount()
  })
})

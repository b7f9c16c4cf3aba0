import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { ElUpload } from 'element-plus'
import { i18n } from '@/i18n'
import { useLocaleStore } from '@/stores/locale'
import { json, stubFetch, type Responder } from '@/test-support/fetch'
import { stubXhr } from '@/test-support/xhr'
import type { ImportJob, ImportResult } from '@/api/types'
import ImportDialog from './ImportDialog.vue'

const CSV = new File(['姓名,身份证号\n张三,431127197805021234\n李四,11010519491231002X\n'], '人员.csv', { type: 'text/csv' })
const IMPORT_URL = (dryRun: boolean) => `/api/v1/imports?kind=people&dry_run=${dryRun}&filename=${encodeURIComponent('人员.csv')}`
const ACTIVE_URL = '/api/v1/jobs?kind=import&subject=people&active=true'

/** No import of people under way: what the dialog finds when it opens. */
const noJobs: Responder = () => json(200, { items: [] })

/** Opens the dialog; `jobs` answers its questions about background jobs (GET /jobs...). */
async function openDialog(jobs: Responder = noJobs) {
  const asked = stubFetch(jobs)
  const pinia = createPinia()
  setActivePinia(pinia)
  useLocaleStore().setLocale('zh-CN')
  const wrapper = mount(ImportDialog, {
    props: { kind: 'people', open: true },
    global: { plugins: [pinia, i18n] },
    attachTo: document.body,
  })
  await flushPromises()
  return Object.assign(wrapper, { asked })
}

async function choose(wrapper: Awaited<ReturnType<typeof openDialog>>, file: File) {
  const onChange = wrapper.findComponent(ElUpload).props('onChange') as (f: unknown) => void
  onChange({ raw: file, name: file.name })
  await vi.waitFor(() => expect(document.body.querySelector('[data-test="import-summary"]')).not.toBeNull())
}

const text = (selector: string) => document.body.querySelector(selector)?.textContent ?? ''
const present = (selector: string) => document.body.querySelector(selector) !== null

/** Lets answers arrive and the dialog redraw, without moving the (fake) clock. */
async function settle() {
  for (let i = 0; i < 5; i++) await flushPromises()
}

function importJob(fields: Partial<ImportJob> = {}): ImportJob {
  return {
    id: 7,
    kind: 'import',
    subject: 'people',
    file_name: '人员.csv',
    dry_run: true,
    state: 'queued',
    rows_done: 0,
    rows_total: 0,
    created_at: '2024-05-01T02:00:00Z',
    finished_at: null,
    failure: null,
    ...fields,
  }
}

const CHECKED: ImportResult = {
  rows: 5000,
  created: 4990,
  updated: 0,
  unchanged: 8,
  errors: [{ row: 3001, column: '身份证号', message: '校验码不符：最后一位应为 8' }],
  error_count: 2,
  changes: [],
  dry_run: true,
  saved: false,
}

/** The server takes the file as job 7 (more than 1000 rows). */
const accepted = () => ({
  status: 202,
  body: JSON.stringify({ job: importJob() }),
  headers: { Location: '/api/v1/jobs/7' },
})

/** Answers GET /jobs?active with `active`, and GET /jobs/{id} with the next of `states`. */
function jobsServer(active: ImportJob[], states: ImportJob[]): Responder {
  return (request) => (request.url === ACTIVE_URL ? json(200, { items: active }) : json(200, states.shift()))
}

const STORED = 'shuanglun.importJob.people'

describe('import dialog', () => {
  beforeEach(() => {
    document.body.innerHTML = ''
    sessionStorage.clear()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('checks the file first and lists each error by row and column, offering the marked file but no import', async () => {
    const sent = stubXhr(() => ({
      status: 200,
      body: JSON.stringify({
        rows: 2,
        created: 1,
        updated: 0,
        unchanged: 0,
        errors: [{ row: 2, column: '身份证号', message: '校验码不符：最后一位应为 8' }],
      }),
    }))
    const wrapper = await openDialog()
    await choose(wrapper, CSV)

    expect(sent.map((r) => r.url)).toEqual([IMPORT_URL(true)])
    expect(text('[data-test="import-summary"]')).toContain('共 2 行')
    expect(text('[data-test="import-errors-title"]')).toContain('发现 1 处错误')
    expect(text('[data-test="import-errors"]')).toMatch(/2\s*身份证号\s*校验码不符/)
    expect(document.body.querySelector('[data-test="import-annotated"]')).not.toBeNull()
    expect(document.body.querySelector('[data-test="import-confirm"]')).toBeNull()
    wrapper.unmount()
  })

  it('imports for real after a clean check, then reports and closes', async () => {
    const sent = stubXhr(() => ({
      status: 200,
      body: JSON.stringify({
        rows: 2,
        created: 2,
        updated: 0,
        unchanged: 0,
        errors: [],
      }),
      progress: [[50, 100], [100, 100]],
    }))
    const wrapper = await openDialog()
    await choose(wrapper, CSV)
    expect(text('[data-test="import-ready"]')).toContain('检查通过')

    ;(document.body.querySelector('[data-test="import-confirm"]') as HTMLButtonElement).click()
    await vi.waitFor(() => expect(wrapper.emitted('imported')).toHaveLength(1))
    expect(sent.map((r) => r.url)).toEqual([IMPORT_URL(true), IMPORT_URL(false)])
    expect(wrapper.emitted('update:open')?.at(-1)).toEqual([false])
    wrapper.unmount()
  })

  it('lists the rows the file will create and change, each change by column, before the import', async () => {
    stubXhr(() => ({
      status: 200,
      body: JSON.stringify({
        rows: 4,
        created: 1,
        updated: 1,
        unchanged: 2,
        errors: [],
        changes: [
          { row: 3, action: 'update', label: '幂等乙', fields: [{ column: '标签', before: '种养殖能人、致富能手', after: '致富能手' }] },
          { row: 5, action: 'create', label: '张三', fields: [] },
        ],
      }),
    }))
    const wrapper = await openDialog()
    await choose(wrapper, CSV)

    expect(text('[data-test="import-summary"]')).toContain('更新 1')
    expect(text('[data-test="import-changes"]')).toContain('将要新增和修改的记录')
    const rows = [...document.body.querySelectorAll('[data-test="import-change"]')].map((li) => li.textContent?.replace(/\s+/g, ''))
    expect(rows).toEqual(['第3行修改幂等乙标签：种养殖能人、致富能手→改为致富能手', '第5行新增张三'])
    expect(document.body.querySelector('[data-test="import-confirm"]')).not.toBeNull()
    wrapper.unmount()
  })

  it('keeps the list in view after a real import, as what was written, until the user closes it', async () => {
    const answer = {
      rows: 2,
      created: 1,
      updated: 1,
      unchanged: 0,
      errors: [],
      changes: [
        { row: 2, action: 'create', label: '张三', fields: [] },
        { row: 3, action: 'update', label: '李四', fields: [{ column: '联系电话', before: '', after: '13800001234' }] },
      ],
    }
    stubXhr(() => ({ status: 200, body: JSON.stringify(answer) }))
    const wrapper = await openDialog()
    await choose(wrapper, CSV)
    ;(document.body.querySelector('[data-test="import-confirm"]') as HTMLButtonElement).click()
    await vi.waitFor(() => expect(wrapper.emitted('imported')).toHaveLength(1))
    await vi.waitFor(() => expect(document.body.querySelector('[data-test="import-done"]')).not.toBeNull())

    expect(text('[data-test="import-changes"]')).toContain('已新增和修改的记录')
    const rows = [...document.body.querySelectorAll('[data-test="import-change"]')].map((li) => li.textContent?.replace(/\s+/g, ''))
    expect(rows).toEqual(['第2行已新增张三', '第3行已修改李四联系电话：（空）→改为13800001234'])
    expect(document.body.querySelector('[data-test="import-confirm"]')).toBeNull()
    expect(wrapper.emitted('update:open')).toBeUndefined()
    ;(document.body.querySelector('[data-test="import-close"]') as HTMLButtonElement).click()
    await flushPromises()
    expect(wrapper.emitted('update:open')?.at(-1)).toEqual([false])
    wrapper.unmount()
  })

  it('refuses other file types without sending them', async () => {
    const sent = stubXhr(() => ({ status: 200, body: '{}' }))
    const wrapper = await openDialog()
    const onChange = wrapper.findComponent(ElUpload).props('onChange') as (f: unknown) => void
    onChange({ raw: new File(['x'], 'photo.jpg', { type: 'image/jpeg' }), name: 'photo.jpg' })
    await flushPromises()
    expect(sent).toHaveLength(0)
    expect(document.body.textContent).toContain('只能导入 .xlsx 或 .csv 文件')
    wrapper.unmount()
  })

  describe('a large file, checked or imported in the background', () => {
    beforeEach(() => {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    })

    it('follows the job about once a second, showing its rows, then shows its report as an inline answer is shown', async () => {
      const sent = stubXhr(accepted)
      const wrapper = await openDialog(
        jobsServer(
          [],
          [
            importJob({ state: 'running', rows_done: 1200, rows_total: 5000 }),
            importJob({ state: 'done', rows_done: 5000, rows_total: 5000, finished_at: '2024-05-01T02:01:00Z', result: CHECKED }),
          ],
        ),
      )
      const onChange = wrapper.findComponent(ElUpload).props('onChange') as (f: unknown) => void
      onChange({ raw: CSV, name: CSV.name })
      await settle()

      expect(sent.map((r) => r.url)).toEqual([IMPORT_URL(true)])
      expect(text('[data-test="import-progress-text"]')).toBe('排队等候处理…')
      expect(sessionStorage.getItem(STORED)).toBe('7')

      await vi.advanceTimersByTimeAsync(1000)
      await settle()
      expect(text('[data-test="import-progress-text"]')).toBe('已检查 1200 / 5000 行')
      expect(text('[data-test="import-progress"]')).toContain('24%')

      await vi.advanceTimersByTimeAsync(1000)
      await settle()
      expect(present('[data-test="import-progress"]')).toBe(false)
      expect(text('[data-test="import-summary"]')).toContain('共 5000 行')
      expect(text('[data-test="import-errors-title"]')).toContain('发现 2 处错误')
      expect(text('[data-test="import-errors"]')).toMatch(/3001\s*身份证号\s*校验码不符/)
      expect(present('[data-test="import-annotated"]')).toBe(true)
      expect(present('[data-test="import-confirm"]')).toBe(false)
      expect(wrapper.asked.map((r) => r.url)).toEqual([ACTIVE_URL, '/api/v1/jobs/7', '/api/v1/jobs/7'])
      // Its end was seen: the next opening starts afresh.
      expect(sessionStorage.getItem(STORED)).toBeNull()

      await vi.advanceTimersByTimeAsync(5000)
      expect(wrapper.asked).toHaveLength(3)
      wrapper.unmount()
    })

    it('finds the import under way when it opens, and shows what it wrote at the end', async () => {
      const under = { id: 9, dry_run: false, file_name: '人员名册.xlsx' }
      const wrapper = await openDialog(
        jobsServer(
          [importJob({ ...under, state: 'running', rows_done: 3000, rows_total: 6000 })],
          [
            importJob({
              ...under,
              state: 'done',
              rows_done: 6000,
              rows_total: 6000,
              finished_at: '2024-05-01T02:01:00Z',
              result: {
                rows: 6000,
                created: 1,
                updated: 0,
                unchanged: 5999,
                errors: [],
                error_count: 0,
                changes: [{ row: 2, action: 'create', label: '张三', fields: [] }],
                dry_run: false,
                saved: true,
              },
            }),
          ],
        ),
      )
      await settle()

      expect(text('[data-test="import-progress-text"]')).toBe('已导入 3000 / 6000 行')
      expect(text('[data-test="import-chosen"]')).toContain('人员名册.xlsx')
      expect(sessionStorage.getItem(STORED)).toBe('9')

      await vi.advanceTimersByTimeAsync(1000)
      await settle()
      expect(present('[data-test="import-done"]')).toBe(true)
      expect(wrapper.emitted('imported')?.[0]?.[0]).toMatchObject({ created: 1, saved: true })
      const rows = [...document.body.querySelectorAll('[data-test="import-change"]')].map((li) => li.textContent?.replace(/\s+/g, ''))
      expect(rows).toEqual(['第2行已新增张三'])
      expect(wrapper.asked.map((r) => r.url)).toEqual([ACTIVE_URL, '/api/v1/jobs/9'])
      expect(sessionStorage.getItem(STORED)).toBeNull()
      wrapper.unmount()
    })

    it('says so when the job fails, after taking back what it wrote', async () => {
      stubXhr(accepted)
      const message = '服务器在处理过程中停止，已写入的部分已撤销，请重新提交'
      const wrapper = await openDialog(
        jobsServer(
          [],
          [
            importJob({ state: 'undoing', rows_done: 2000, rows_total: 0 }),
            importJob({ state: 'failed', finished_at: '2024-05-01T02:01:00Z', failure: { code: 'job_interrupted', message } }),
          ],
        ),
      )
      const onChange = wrapper.findComponent(ElUpload).props('onChange') as (f: unknown) => void
      onChange({ raw: CSV, name: CSV.name })
      await settle()

      await vi.advanceTimersByTimeAsync(1000)
      await settle()
      expect(text('[data-test="import-progress-text"]')).toBe('正在撤销已写入的部分…')

      await vi.advanceTimersByTimeAsync(1000)
      await settle()
      expect(present('[data-test="import-progress"]')).toBe(false)
      expect(text('[data-test="import-failure"]')).toContain(message)
      expect(present('[data-test="import-summary"]')).toBe(false)
      expect(present('[data-test="import-retry"]')).toBe(true)
      expect(sessionStorage.getItem(STORED)).toBeNull()
      wrapper.unmount()
    })

    it('stops asking when closed, and on the next opening shows the result that came meanwhile, once', async () => {
      stubXhr(accepted)
      const states = [importJob({ state: 'done', rows_done: 5000, rows_total: 5000, result: CHECKED })]
      const wrapper = await openDialog(jobsServer([], states))
      const onChange = wrapper.findComponent(ElUpload).props('onChange') as (f: unknown) => void
      onChange({ raw: CSV, name: CSV.name })
      await settle()
      expect(present('[data-test="import-progress"]')).toBe(true)

      await wrapper.setProps({ open: false })
      await vi.advanceTimersByTimeAsync(5000)
      await settle()
      expect(wrapper.asked.map((r) => r.url)).toEqual([ACTIVE_URL])
      expect(vi.getTimerCount()).toBe(0)
      expect(sessionStorage.getItem(STORED)).toBe('7')

      await wrapper.setProps({ open: true })
      await settle()
      expect(wrapper.asked.map((r) => r.url)).toEqual([ACTIVE_URL, ACTIVE_URL, '/api/v1/jobs/7'])
      expect(text('[data-test="import-errors-title"]')).toContain('发现 2 处错误')
      expect(text('[data-test="import-chosen"]')).toContain('人员.csv')
      // The file itself is gone with the closing: it cannot be marked without choosing it again.
      expect(present('[data-test="import-annotated"]')).toBe(false)

      await wrapper.setProps({ open: false })
      await wrapper.setProps({ open: true })
      await settle()
      expect(wrapper.asked.map((r) => r.url)).toEqual([ACTIVE_URL, ACTIVE_URL, '/api/v1/jobs/7', ACTIVE_URL])
      expect(present('[data-test="import-summary"]')).toBe(false)
      wrapper.unmount()
    })
  })
})

import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { ElUpload } from 'element-plus'
import { i18n } from '@/i18n'
import { useLocaleStore } from '@/stores/locale'
import { stubXhr } from '@/test-support/xhr'
import ImportDialog from './ImportDialog.vue'

const CSV = new File(['姓名,身份证号\n张三,431127197805021234\n李四,11010519491231002X\n'], '人员.csv', { type: 'text/csv' })

async function openDialog() {
  const pinia = createPinia()
  setActivePinia(pinia)
  useLocaleStore().setLocale('zh-CN')
  const wrapper = mount(ImportDialog, {
    props: { kind: 'people', open: true },
    global: { plugins: [pinia, i18n] },
    attachTo: document.body,
  })
  await flushPromises()
  return wrapper
}

async function choose(wrapper: Awaited<ReturnType<typeof openDialog>>, file: File) {
  const onChange = wrapper.findComponent(ElUpload).props('onChange') as (f: unknown) => void
  onChange({ raw: file, name: file.name })
  await vi.waitFor(() => expect(document.body.querySelector('[data-test="import-summary"]')).not.toBeNull())
}

const text = (selector: string) => document.body.querySelector(selector)?.textContent ?? ''

describe('import dialog', () => {
  beforeEach(() => {
    document.body.innerHTML = ''
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

    expect(sent.map((r) => r.url)).toEqual(['/api/v1/imports?kind=people&dry_run=true'])
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
    expect(sent.map((r) => r.url)).toEqual([
      '/api/v1/imports?kind=people&dry_run=true',
      '/api/v1/imports?kind=people&dry_run=false',
    ])
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
})

import { describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { mount } from '@vue/test-utils'
import { i18n } from '@/i18n'
import { useEndDialog } from './useDialog'

interface Post {
  id: number
  title: string
  valid_from: string
}

function endDialog(end: (post: Post, date: string) => Promise<unknown>) {
  let dialog!: ReturnType<typeof useEndDialog<Post>>
  mount(
    defineComponent({
      setup() {
        dialog = useEndDialog<Post>({ field: 'valid_to', name: (p) => p.title, start: (p) => p.valid_from, end })
        return () => h('div')
      },
    }),
    { global: { plugins: [i18n] } },
  )
  return dialog
}

describe('useEndDialog', () => {
  it('gives EndDateDialog the record’s name, its start and the registry’s words', () => {
    const dialog = endDialog(async () => {})
    expect(dialog.props.value).toMatchObject({ open: false, field: 'valid_to', min: null })
    dialog.show({ id: 7, title: '村支书', valid_from: '2024-01-01' })
    expect(dialog.props.value).toMatchObject({
      open: true,
      title: '结束：村支书',
      label: '结束日期',
      field: 'valid_to',
      min: '2024-01-01',
    })
    dialog.props.value['onUpdate:open'](false)
    expect(dialog.open.value).toBe(false)
  })

  it('ends the record it was opened for on the day chosen', async () => {
    const end = vi.fn(async () => {})
    const dialog = endDialog(end)
    await dialog.props.value.save('2025-06-30')
    expect(end).not.toHaveBeenCalled()
    const post = { id: 7, title: '村支书', valid_from: '2024-01-01' }
    dialog.show(post)
    await dialog.props.value.save('2025-06-30')
    expect(end).toHaveBeenCalledWith(post, '2025-06-30')
  })
})

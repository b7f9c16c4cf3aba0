import { afterEach, beforeEach, expect, vi, type MockInstance } from 'vitest'
import { i18n } from '@/i18n'

/**
 * For a describe block of dialog specs: each test starts in 简体中文 on an empty
 * page, and a console warning fails it, except Element Plus's "unexpected width"
 * (happy-dom lays nothing out, so a form's automatic label width is NaN: not
 * the dialog's concern).
 */
export function dialogSpecPerTest() {
  let warnings: MockInstance<(...args: unknown[]) => void>
  beforeEach(() => {
    i18n.global.locale.value = 'zh-CN'
    document.body.innerHTML = ''
    warnings = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
  })
  afterEach(() => {
    expect(warnings.mock.calls.filter((call) => !String(call[0]).includes('unexpected width'))).toEqual([])
    warnings.mockRestore()
  })
}

import { afterEach, beforeEach, vi } from 'vitest'
import { configureClient } from '@/api/client'

/**
 * For a describe block of client specs: each test runs with the client asking for
 * messages in `language` and reporting a 401 to the mock returned; after each the
 * client is set back as the app leaves it before sign-in.
 */
export function configureClientPerTest(language: string) {
  const onUnauthorized = vi.fn()
  beforeEach(() => {
    onUnauthorized.mockReset()
    configureClient({ language: () => language, onUnauthorized })
  })
  afterEach(() => configureClient({ language: () => 'zh-CN', onUnauthorized: () => {} }))
  return onUnauthorized
}

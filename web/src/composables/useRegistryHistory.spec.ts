import { describe, expect, it } from 'vitest'
import { messages, SUPPORTED_LOCALES } from '@/i18n'
import { CONTACT_FIELDS, HISTORY_FIELDS } from './useRegistryHistory'

/** The message at a dotted key, or undefined. */
function lookup(tree: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], tree)
}

describe('the change log’s field labels', () => {
  it('name every field of the registry’s records and of visits in each language', () => {
    const maps = { ...HISTORY_FIELDS, contact: CONTACT_FIELDS }
    for (const locale of SUPPORTED_LOCALES)
      for (const [entity, fields] of Object.entries(maps))
        for (const [field, key] of Object.entries(fields))
          expect(typeof lookup(messages[locale], key), `${locale} ${entity}.${field} → ${key}`).toBe('string')
  })

  it('label a visit’s date, request and stated reason as its form does, and the follow-ups of old rows', () => {
    expect(lookup(messages['zh-CN'], CONTACT_FIELDS.occurred_on)).toBe('日期')
    expect(lookup(messages['zh-CN'], CONTACT_FIELDS.request)).toBe('诉求')
    expect(lookup(messages['zh-CN'], CONTACT_FIELDS.follow_up_due)).toBe('办结期限')
    expect(lookup(messages['zh-CN'], CONTACT_FIELDS.delete_reason)).toBe('原因')
  })
})

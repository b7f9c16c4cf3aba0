import { describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import type { Person } from '@/api/types'
import { i18n } from '@/i18n'
import { json, stubFetch, type SentRequest } from '@/test-support/fetch'
import { makePerson } from '@/test-support/people'
import { signedIn } from '@/test-support/users'
import { dialogSpecPerTest } from '@/test-support/dialogs'
import PersonFormDialog from './PersonFormDialog.vue'

// What an edit sends depends on what the user was shown: without people.sensitive
// the server withholds the birth date (null, the age stays) and masks the phone,
// and neither may go back unless the user typed a new value (docs/api.md "Personal data").

/** 曾进龙 as the village secretary is shown him. */
const SHOWN_MASKED = makePerson({
  id: 12,
  name: '曾进龙',
  gender: 'male',
  birth_date: null,
  age: 48,
  phone: '139****5678',
  id_card_masked: '431127********1234',
  notes: '种植大户',
  version: 3,
})

/** The same person as the town office sees him. */
const SHOWN_IN_FULL = makePerson({
  ...SHOWN_MASKED,
  birth_date: '1978-05-02',
  phone: '13900005678',
  id_card_conflict: false,
})

/** Opens the edit dialog of `person` for a user with `permissions`; the server answers every call with the person. */
async function openEdit(person: Person, permissions: string[]) {
  const pinia = signedIn({ permissions })
  const sent = stubFetch(() => json(200, { ...person, version: person.version + 1 }))
  const wrapper = mount(PersonFormDialog, { props: { open: false, person }, global: { plugins: [pinia, i18n] }, attachTo: document.body })
  // The dialog fills itself when it opens.
  await wrapper.setProps({ open: true })
  await flushPromises()
  return { wrapper, sent }
}

function input(test: string): HTMLInputElement {
  return document.querySelector(`input[data-test="${test}"]`) as HTMLInputElement
}

/** The date picker's input, in the form item labelled 出生日期. */
function birthDate(): HTMLInputElement {
  const item = [...document.querySelectorAll('.el-form-item')].find((el) => el.querySelector('.el-form-item__label')?.textContent?.trim() === '出生日期')
  return item?.querySelector('input') as HTMLInputElement
}

async function type(element: HTMLInputElement | HTMLTextAreaElement, value: string) {
  element.value = value
  element.dispatchEvent(new Event('input'))
  await flushPromises()
}

async function save(): Promise<void> {
  ;(document.querySelector('[data-test="person-save"]') as HTMLElement).click()
  await flushPromises()
}

function patches(sent: SentRequest[]) {
  return sent.filter((r) => r.method === 'PATCH')
}

describe('editing a person', () => {
  dialogSpecPerTest()

  it('without people.sensitive: shows the birth date and phone as withheld, and sends neither back', async () => {
    const { wrapper, sent } = await openEdit(SHOWN_MASKED, ['people.read', 'people.write'])

    // Nothing looks lost: the empty fields say why they are empty.
    expect(birthDate().value).toBe('')
    expect(birthDate().placeholder).toBe('仅镇党政办可见')
    expect(input('person-phone').value).toBe('')
    expect(input('person-phone').placeholder).toBe('已登记：139****5678')
    expect(document.body.textContent).toContain('留空则保留已登记的出生日期')

    await type(document.querySelector('.el-dialog textarea') as HTMLTextAreaElement, '种植大户，养殖')
    await save()

    expect(patches(sent).map((r) => r.url)).toEqual(['/api/v1/people/12'])
    expect(patches(sent)[0].body).toEqual({ version: 3, notes: '种植大户，养殖' })
    expect(wrapper.emitted('saved')).toHaveLength(1)
    wrapper.unmount()
  })

  it('without people.sensitive: a phone typed anew is sent, still without the birth date', async () => {
    const { wrapper, sent } = await openEdit(SHOWN_MASKED, ['people.read', 'people.write'])

    await type(input('person-phone'), ' 13712345678 ')
    await save()

    expect(patches(sent)[0].body).toEqual({ version: 3, phone: '13712345678' })
    wrapper.unmount()
  })

  it('without people.sensitive and no birth date on file (no age): the field is simply empty', async () => {
    const { wrapper } = await openEdit({ ...SHOWN_MASKED, age: null, phone: null }, ['people.read', 'people.write'])

    expect(birthDate().placeholder).not.toBe('仅镇党政办可见')
    expect(input('person-phone').placeholder).toBe('')
    wrapper.unmount()
  })

  it('with people.sensitive: shows the birth date and phone in full and sends only what changed', async () => {
    const { wrapper, sent } = await openEdit(SHOWN_IN_FULL, ['people.read', 'people.write', 'people.sensitive'])

    expect(birthDate().value).toBe('1978-05-02')
    expect(input('person-phone').value).toBe('13900005678')

    await type(input('person-phone'), '13900005679')
    await save()

    expect(patches(sent)[0].body).toEqual({ version: 3, phone: '13900005679' })
    wrapper.unmount()
  })

  it('with people.sensitive: a phone cleared is sent as null (removed)', async () => {
    const { wrapper, sent } = await openEdit(SHOWN_IN_FULL, ['people.read', 'people.write', 'people.sensitive'])

    await type(input('person-phone'), '')
    await save()

    expect(patches(sent)[0].body).toEqual({ version: 3, phone: null })
    wrapper.unmount()
  })
})

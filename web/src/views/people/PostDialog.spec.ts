import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { ElSelect } from 'element-plus'
import { i18n } from '@/i18n'
import { apiError, json, stubFetch } from '@/test-support/fetch'
import { makePerson } from '@/test-support/people'
import { signedIn } from '@/test-support/users'
import { dialogSpecPerTest } from '@/test-support/dialogs'
import PostDialog from './PostDialog.vue'

const LEI = makePerson({ id: 51, name: '雷建国', gender: 'male' })

/** The dialog for a user who writes in a region (default: the county's organization department). */
async function openDialog(capture = { code: '431127', name: '蓝山县' }) {
  const pinia = signedIn({ permissions: ['people.write'], view_region: capture, capture_region: capture })
  const wrapper = mount(PostDialog, { props: { open: false, person: LEI }, global: { plugins: [pinia, i18n] }, attachTo: document.body })
  // The dialog fills itself when it opens.
  await wrapper.setProps({ open: true })
  await flushPromises()
  return wrapper
}

/** The dialog's selects: post kind, region, industry. */
function select(wrapper: Awaited<ReturnType<typeof openDialog>>, test: string) {
  return wrapper.findAllComponents(ElSelect).find((s) => s.attributes('data-test') === test)!
}

describe('adding a post', () => {
  dialogSpecPerTest()

  it('offers the county cadre (县直干部) posted at the county, with the sector their department serves', async () => {
    const sent = stubFetch((r) =>
      r.url.startsWith('/api/v1/regions/') ? json(200, { code: '431127', name: '蓝山县', ancestors: [] }) : json(201, { id: 9 }),
    )
    const wrapper = await openDialog()
    expect(document.body.textContent).toContain('联系行业')

    select(wrapper, 'post-kind').vm.$emit('update:modelValue', 'county_cadre')
    await flushPromises()
    select(wrapper, 'post-industry').vm.$emit('update:modelValue', 'agriculture')
    await flushPromises()
    ;(document.querySelector('[data-test="post-save"]') as HTMLElement).click()
    await flushPromises()

    const posts = sent.filter((r) => r.method === 'POST')
    expect(posts.map((r) => r.url)).toEqual(['/api/v1/people/51/posts'])
    expect(posts[0].body).toMatchObject({ kind: 'county_cadre', region: '431127', industry: 'agriculture', leadership_team: false })
    expect(wrapper.emitted('saved')).toHaveLength(1)
    wrapper.unmount()
  })

  it('keeps the home region for a user who cannot write at the county, and sends no industry when none is chosen', async () => {
    const sent = stubFetch(() => apiError(422, 'invalid', '提交的内容有误', { industry: '不是已知的行业' }))
    const wrapper = await openDialog({ code: '431127103', name: '楠市镇' })
    select(wrapper, 'post-kind').vm.$emit('update:modelValue', 'county_cadre')
    await flushPromises()
    ;(document.querySelector('[data-test="post-save"]') as HTMLElement).click()
    await flushPromises()

    expect(sent[0].body).toMatchObject({ kind: 'county_cadre', region: '431127103224' })
    expect(sent[0].body).not.toHaveProperty('industry')
    // The server's objection goes beside the field.
    await vi.waitFor(() => expect(document.body.textContent).toContain('不是已知的行业'))
    expect(wrapper.emitted('saved')).toBeUndefined()
    wrapper.unmount()
  })
})

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h, nextTick, ref } from 'vue'
import { flushPromises, mount } from '@vue/test-utils'
import { ApiError } from '@/api/client'
import { screen } from '@/test-support/land'
import { useFoldedFigures } from './useFoldedFigures'

interface Figures {
  region: string
  year: string
}

/** A deferred answer, to hold a read while something else happens. */
function later<T>() {
  let resolve!: (value: T) => void
  let reject!: (error: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

/**
 * A panel's host: the figures of `region` read through useFoldedFigures; each
 * read is recorded (region, year) and answered at once unless `answer` says otherwise.
 */
function host(options: Parameters<typeof useFoldedFigures>[2] = {}, answer?: (region: string, year: string) => Promise<Figures>) {
  const region = ref('431127103')
  const reads: [string, string][] = []
  let figures!: ReturnType<typeof useFoldedFigures<Figures>>
  const Host = defineComponent({
    setup() {
      figures = useFoldedFigures<Figures>(
        (year) => {
          reads.push([region.value, year])
          return answer ? answer(region.value, year) : Promise.resolve({ region: region.value, year })
        },
        () => region.value,
        options,
      )
      return () => h('div')
    },
  })
  const wrapper = mount(Host)
  return { wrapper, region, reads, figures }
}

describe('useFoldedFigures', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2022-03-25T04:00:00Z'))
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('on a desktop is open from the start and reads this year’s figures', async () => {
    screen(false)
    const { figures, reads } = host()
    expect(figures.open.value).toBe(true)
    expect(figures.year.value).toBe('2022')
    expect(figures.loading.value).toBe(true)
    await flushPromises()
    expect(reads).toEqual([['431127103', '2022']])
    expect(figures.data.value).toEqual({ region: '431127103', year: '2022' })
    expect(figures.loading.value).toBe(false)
    expect(figures.error.value).toBeNull()
  })

  it('takes this year as it is in China', async () => {
    screen(false)
    // 20:00 UTC on New Year’s Eve is already 1 January in Beijing.
    vi.setSystemTime(new Date('2022-12-31T20:00:00Z'))
    const { figures, reads } = host()
    await flushPromises()
    expect(figures.year.value).toBe('2023')
    expect(reads).toEqual([['431127103', '2023']])
  })

  it('on a phone stays folded, reading nothing, until it is opened', async () => {
    screen(true)
    const { figures, reads } = host()
    expect(figures.open.value).toBe(false)
    await flushPromises()
    expect(reads).toEqual([])
    expect(figures.data.value).toBeNull()

    figures.open.value = true
    await flushPromises()
    expect(reads).toEqual([['431127103', '2022']])
    expect(figures.data.value).toEqual({ region: '431127103', year: '2022' })
  })

  it('opens or not as the page says, on the year the page keeps', async () => {
    screen(false)
    const year = ref('2021')
    const folded = host({ open: false, year })
    await flushPromises()
    expect(folded.figures.open.value).toBe(false)
    expect(folded.reads).toEqual([])
    expect(folded.figures.year).toBe(year)

    screen(true)
    const opened = host({ open: true, year: ref('2020') })
    await flushPromises()
    expect(opened.reads).toEqual([['431127103', '2020']])
  })

  it('reads the figures again when the year changes while it is open', async () => {
    screen(false)
    const { figures, reads } = host()
    await flushPromises()
    figures.year.value = '2021'
    await flushPromises()
    expect(reads).toEqual([
      ['431127103', '2022'],
      ['431127103', '2021'],
    ])
    expect(figures.data.value).toEqual({ region: '431127103', year: '2021' })
  })

  it('reads nothing while folded; opening reads the region and year chosen meanwhile', async () => {
    screen(false)
    const { figures, reads, region } = host()
    await flushPromises()
    figures.open.value = false
    await flushPromises()
    figures.year.value = '2021'
    region.value = '431127103224'
    await flushPromises()
    expect(reads).toHaveLength(1)
    // Another region's figures are not kept for it.
    expect(figures.data.value).toBeNull()

    figures.open.value = true
    await flushPromises()
    expect(reads).toEqual([
      ['431127103', '2022'],
      ['431127103224', '2021'],
    ])
    expect(figures.data.value).toEqual({ region: '431127103224', year: '2021' })
  })

  it('does not show the old region’s figures while the new region’s come', async () => {
    screen(false)
    const answers: ReturnType<typeof later<Figures>>[] = []
    const { figures, region } = host({}, () => {
      const answer = later<Figures>()
      answers.push(answer)
      return answer.promise
    })
    answers[0].resolve({ region: '431127103', year: '2022' })
    await flushPromises()
    expect(figures.data.value).toEqual({ region: '431127103', year: '2022' })

    region.value = '431127103224'
    await nextTick()
    expect(figures.data.value).toBeNull()
    expect(figures.loading.value).toBe(true)
    answers[1].resolve({ region: '431127103224', year: '2022' })
    await flushPromises()
    expect(figures.data.value).toEqual({ region: '431127103224', year: '2022' })
  })

  it('keeps the figures shown while another year’s come', async () => {
    screen(false)
    const answers: ReturnType<typeof later<Figures>>[] = []
    const { figures } = host({}, () => {
      const answer = later<Figures>()
      answers.push(answer)
      return answer.promise
    })
    answers[0].resolve({ region: '431127103', year: '2022' })
    await flushPromises()
    figures.year.value = '2021'
    await nextTick()
    expect(figures.loading.value).toBe(true)
    expect(figures.data.value).toEqual({ region: '431127103', year: '2022' })
  })

  it('drops an answer that comes after another region was chosen', async () => {
    screen(false)
    const answers: ReturnType<typeof later<Figures>>[] = []
    const { figures, region } = host({}, () => {
      const answer = later<Figures>()
      answers.push(answer)
      return answer.promise
    })
    region.value = '431127103224'
    await nextTick()
    answers[1].resolve({ region: '431127103224', year: '2022' })
    await flushPromises()
    answers[0].resolve({ region: '431127103', year: '2022' })
    await flushPromises()
    expect(figures.data.value).toEqual({ region: '431127103224', year: '2022' })
  })

  it('keeps the failure for the panel to say', async () => {
    screen(false)
    const refusal = new ApiError(403, 'forbidden', '无权查看')
    const { figures } = host({}, () => Promise.reject(refusal))
    await flushPromises()
    expect(figures.error.value).toBe(refusal)
    expect(figures.data.value).toBeNull()
    expect(figures.loading.value).toBe(false)
  })

  it('refreshes the figures only while it is open', async () => {
    screen(false)
    const { figures, reads } = host()
    await flushPromises()
    figures.refresh()
    await flushPromises()
    expect(reads).toHaveLength(2)

    figures.open.value = false
    await flushPromises()
    figures.refresh()
    await flushPromises()
    expect(reads).toHaveLength(2)
  })
})

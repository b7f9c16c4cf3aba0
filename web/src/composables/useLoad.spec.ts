import { describe, expect, it } from 'vitest'
import { useLatest, useLoad } from './useLoad'

/** A request whose answer (or failure) comes when the test says. */
function deferred<T>() {
  let resolve!: (value: T) => void
  let reject!: (error: unknown) => void
  const promise = new Promise<T>((yes, no) => {
    resolve = yes
    reject = no
  })
  return { promise, resolve, reject }
}

describe('useLatest', () => {
  it('takes only the newest answer, and is loading until it comes', async () => {
    const latest = useLatest()
    const taken: string[] = []
    const first = deferred<string>()
    const second = deferred<string>()
    const one = latest.run(() => first.promise, (a) => taken.push(a))
    const two = latest.run(() => second.promise, (a) => taken.push(a))
    expect(latest.loading.value).toBe(true)
    second.resolve('新')
    expect(await two).toBe(true)
    first.resolve('旧')
    expect(await one).toBe(false)
    expect(taken).toEqual(['新'])
    expect(latest.loading.value).toBe(false)
  })

  it('keeps the newest failure only, and drops what is on its way', async () => {
    const latest = useLatest()
    let failed = 0
    const old = deferred<string>()
    const running = latest.run(() => old.promise, () => {}, () => failed++)
    await latest.run(() => Promise.reject(new Error('网络错误')), () => {}, () => failed++)
    expect(latest.error.value).toEqual(new Error('网络错误'))
    old.reject(new Error('旧的'))
    await running
    expect(failed).toBe(1)

    const pending = deferred<string>()
    const dropped = latest.run(() => pending.promise, () => {
      throw new Error('not taken')
    })
    latest.drop()
    expect([latest.loading.value, latest.error.value]).toEqual([false, null])
    pending.resolve('晚到')
    expect(await dropped).toBe(false)
  })
})

describe('useLoad', () => {
  it('holds the answer, and nothing after a failure', async () => {
    let fail = false
    const thing = useLoad(async (id: number) => {
      if (fail) throw new Error('没有')
      return { id }
    })
    expect(await thing.load(3)).toEqual({ id: 3 })
    expect(thing.data.value).toEqual({ id: 3 })
    fail = true
    expect(await thing.load(4)).toBeNull()
    expect([thing.data.value, thing.error.value]).toEqual([null, new Error('没有')])
  })
})

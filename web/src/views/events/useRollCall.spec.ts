import { describe, expect, it, vi } from 'vitest'
import { ElMessage } from 'element-plus'
import { makeAttendance, makeEvent } from '@/test-support/events'
import { apiError, json, stubFetch, type SentRequest } from '@/test-support/fetch'
import { useRollCall } from './useRollCall'

const ZHOU = makeAttendance(7, '周小明', { status: 'absent' })
const LEI = makeAttendance(8, '雷建国')
const NEW = { id: 9, name: '祁雨柔', region: { code: '431127103224', name: '朋佳村' } }

const NAMES: Record<number, string> = { 7: '周小明', 8: '雷建国', 9: '祁雨柔' }

/** The server's row for a POSTed mark. */
function saved(request: SentRequest): Response {
  const { person_id, ...mark } = request.body as { person_id: number }
  return json(200, { ...makeAttendance(person_id, NAMES[person_id]), ...mark })
}

/** A roll call of event 1 read, and the answers to its writes held until `release`. */
async function rollCall(answer: (request: SentRequest) => Response = saved) {
  const held: (() => void)[] = []
  const sent = stubFetch((r) => {
    if (r.method === 'GET' && r.url === '/api/v1/events/1') return json(200, makeEvent({ unregistered_count: 2, version: 4 }))
    if (r.method === 'GET') return json(200, { items: [ZHOU, LEI], total: 2 })
    return new Promise<Response>((resolve) => held.push(() => resolve(answer(r))))
  })
  const roll = useRollCall(() => 1)
  await roll.load()
  const release = async () => {
    while (held.length) held.shift()?.()
    await vi.waitFor(() => expect(roll.pending.size).toBe(0))
  }
  return { roll, sent, release, writes: () => sent.filter((r) => r.method !== 'GET') }
}

describe('a roll call', () => {
  it('lists the present first and counts them against everyone listed', async () => {
    const { roll } = await rollCall()
    expect(roll.rows.value.map((r) => r.person.name)).toEqual(['雷建国', '周小明'])
    expect([roll.present.value, roll.expected.value]).toEqual([1, 2])
    expect(roll.unregistered.value).toBe(2)
  })

  it('shows a tick at once, sends it as present, and keeps the server’s row', async () => {
    const { roll, writes, release } = await rollCall()
    const done = roll.toggle(NEW)
    expect(roll.statusOf(NEW.id)).toBe('present')
    expect(roll.rows.value[0].person.name).toBe('祁雨柔')
    expect(roll.present.value).toBe(2)
    // A second tap while the first is on its way does nothing.
    expect(await roll.toggle(NEW)).toBe(false)
    expect(writes().map((r) => [r.method, r.url, r.body])).toEqual([
      ['POST', '/api/v1/events/1/attendance', { person_id: 9, status: 'present', role: 'participant' }],
    ])
    await release()
    expect(await done).toBe(true)
    expect(roll.rows.value[0]).toMatchObject({ status: 'present', source: 'roll', updated_at: '2022-03-10T01:30:00Z' })
  })

  it('marks the present absent on a second tick, in their place and with their role', async () => {
    const { roll, writes, release } = await rollCall()
    const done = roll.toggle({ id: LEI.person.id, name: LEI.person.name })
    expect(roll.present.value).toBe(0)
    await release()
    await done
    expect(writes()[0].body).toEqual({ person_id: 8, status: 'absent', role: 'participant' })
    expect(roll.rows.value.map((r) => r.person.name)).toEqual(['雷建国', '周小明'])
  })

  it('puts a refused tick back and says why', async () => {
    const error = vi.spyOn(ElMessage, 'error')
    const { roll, release } = await rollCall(() => apiError(422, 'invalid', '输入有误', { person_id: '此人不在活动的范围内' }))
    const added = roll.toggle(NEW)
    const changed = roll.toggle({ id: ZHOU.person.id, name: ZHOU.person.name })
    expect(roll.present.value).toBe(3)
    await release()
    expect(await added).toBe(false)
    expect(await changed).toBe(false)
    expect(roll.rows.value).toEqual([LEI, ZHOU])
    expect(roll.present.value).toBe(1)
    expect(error).toHaveBeenCalledWith('祁雨柔 的出席状态未能保存：此人不在活动的范围内')
  })

  it('saves the unregistered count step after step with the version it has', async () => {
    let version = 4
    const { roll, writes, release } = await rollCall((r) => {
      version += 1
      return json(200, makeEvent({ unregistered_count: (r.body as { unregistered_count: number }).unregistered_count, version }))
    })
    const first = roll.setUnregistered(3)
    void roll.setUnregistered(4)
    void roll.setUnregistered(5)
    expect(roll.unregistered.value).toBe(5)
    await release()
    await vi.waitFor(() => expect(writes()).toHaveLength(2))
    await release()
    await first
    expect(writes().map((r) => r.body)).toEqual([
      { unregistered_count: 3, version: 4 },
      { unregistered_count: 5, version: 5 },
    ])
    expect(roll.event.value?.unregistered_count).toBe(5)
  })
})

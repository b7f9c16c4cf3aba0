import { describe, expect, it } from 'vitest'
import type { LevelCompliance, Pairing, TargetRef } from '@/api/types'
import { buildBoard, defaultStart, filterColumns, foldIdle, openTargets, previewChange, sameTarget, targetKey, type BoardChange } from './board'

const DENG = { id: 3, name: '邓秀勤' }
const HUANG = { id: 6, name: '黄春永' }
const LIAO = { id: 2, name: '廖英杰' }
const PAN = { id: 9, name: '盘民' }

function entrepreneur(id: number, name: string, village = '熊家村'): TargetRef {
  return { kind: 'person', id, name, region: { code: `4311271032${id}`, name: village } }
}

let nextId = 1
function pairing(source: { id: number; name: string }, target: TargetRef, validFrom = '2022-04-02', validTo: string | null = null): Pairing {
  return { id: nextId++, level: 1, source, target, valid_from: validFrom, valid_to: validTo, origin: 'import', version: 1 }
}

const JIANG = entrepreneur(219, '蒋金家')
const LIANG = entrepreneur(192, '梁永', '甘溪村')
const XIAO = entrepreneur(180, '肖龙', '镇西村')
const ZHOU = entrepreneur(240, '周新', '大麻居委会')

function level1(partial: Partial<LevelCompliance> = {}): LevelCompliance {
  return { level: 1, targets: 4, covered: 3, uncovered: [], uncovered_total: 0, over: [], over_total: 0, ...partial }
}

describe('the pairing board', () => {
  const pairings = [pairing(DENG, JIANG), pairing(DENG, LIANG, '2022-05-03'), pairing(HUANG, XIAO, '2022-03-22')]

  it('folds away the people without targets when there are many of them (every full member may mentor)', () => {
    const members = Array.from({ length: 13 }, (_, i) => ({ id: 100 + i, name: `党员${i}` }))
    const board = buildBoard(pairings, members)
    const { shown, folded } = foldIdle(board.columns)
    expect(shown.map((c) => c.source.name)).toEqual(['邓秀勤', '黄春永'])
    expect(folded).toBe(13)
    expect(foldIdle(buildBoard(pairings, members.slice(1)).columns).folded).toBe(0)
    expect(foldIdle(buildBoard(pairings, members.slice(1)).columns).shown).toHaveLength(14)
  })

  it('gives each person a column with their targets and load, people without pairings too, in name order', () => {
    const board = buildBoard(pairings, [LIAO, DENG, PAN])
    expect(board.columns.map((c) => [c.source.name, c.load])).toEqual([
      ['邓秀勤', 2],
      ['黄春永', 1],
      ['廖英杰', 0],
      ['盘民', 0],
    ])
    expect(board.columns[0].pairings.map((p) => p.target.name)).toEqual(['蒋金家', '梁永'])
    expect(board.loads).toEqual({ min: 0, max: 2, mean: 0.75 })
  })

  it('takes the gaps from the compliance answer, counts the ones it did not list, and marks targets over the maximum', () => {
    const board = buildBoard(
      pairings,
      [],
      level1({
        uncovered: [{ target: ZHOU, sources: 0, min: 1, max: 1 }],
        uncovered_total: 3,
        over: [{ target: XIAO, sources: 2, min: 1, max: 1 }],
        over_total: 1,
      }),
    )
    expect(board.gaps.map((g) => g.target.name)).toEqual(['周新'])
    expect(board.gapsNotShown).toBe(2)
    expect(board.over.has(targetKey(XIAO))).toBe(true)
    expect(board.over.has(targetKey(JIANG))).toBe(false)
  })

  it('an empty day is an empty board', () => {
    expect(buildBoard([], [], null)).toMatchObject({ columns: [], gaps: [], gapsNotShown: 0, loads: { min: 0, max: 0, mean: 0 } })
  })

  it('finds people by name and targets by name or village, keeping only the matching cards', () => {
    const { columns } = buildBoard(pairings, [PAN])
    expect(filterColumns(columns, '盘').map((c) => c.source.name)).toEqual(['盘民'])
    const byVillage = filterColumns(columns, '甘溪')
    expect(byVillage.map((c) => [c.source.name, c.pairings.map((p) => p.target.name)])).toEqual([['邓秀勤', ['梁永']]])
    expect(filterColumns(columns, '  ')).toHaveLength(3)
  })
})

describe('the preview of a change', () => {
  const jiang = pairing(DENG, JIANG, '2022-04-02')
  const board = buildBoard([jiang, pairing(DENG, LIANG), pairing(HUANG, XIAO)], [LIAO])
  const repair: BoardChange = { kind: 'repair', pairing: jiang }

  it('shows old person → new person from the day, with both loads before and after', () => {
    const preview = previewChange(board, repair, HUANG, '2026-11-29')
    expect(preview).toMatchObject({ target: JIANG, from: DENG, to: HUANG, validFrom: '2026-11-29', replacesOld: false, problem: null })
    expect(preview.loads).toEqual([
      { person: DENG, before: 2, after: 1 },
      { person: HUANG, before: 1, after: 2 },
    ])
  })

  it('says when the old row is replaced rather than ended (the same first day)', () => {
    expect(previewChange(board, repair, LIAO, '2022-04-02').replacesOld).toBe(true)
  })

  it('finds what the server would refuse before asking it', () => {
    expect(previewChange(board, repair, null, '2026-11-29').problem).toBe('no_person')
    expect(previewChange(board, repair, DENG, '2026-11-29').problem).toBe('same_person')
    expect(previewChange(board, repair, HUANG, '').problem).toBe('no_date')
    expect(previewChange(board, repair, HUANG, '2022-04-01').problem).toBe('before_start')
    const ending = pairing(DENG, JIANG, '2022-04-02', '2026-12-31')
    expect(previewChange(board, { kind: 'repair', pairing: ending }, HUANG, '2026-12-31').problem).toBe('after_end')
    // 黄春永 already answers for 肖龙: handing 肖龙's card to him again is no change.
    const assign: BoardChange = { kind: 'assign', level: 1, target: XIAO }
    expect(previewChange(board, assign, HUANG, '2026-11-29').problem).toBe('already_paired')
  })

  it('fills a gap: nobody before, one more for the new person', () => {
    const preview = previewChange(board, { kind: 'assign', level: 1, target: ZHOU }, LIAO, '2026-11-29')
    expect(preview).toMatchObject({ from: null, to: LIAO, replacesOld: false, problem: null })
    expect(preview.loads).toEqual([{ person: LIAO, before: 0, after: 1 }])
  })

  it('starts on the board’s day, but never before the old pairing started', () => {
    expect(defaultStart(repair, '2026-11-29')).toBe('2026-11-29')
    expect(defaultStart(repair, '2022-01-01')).toBe('2022-04-02')
    expect(defaultStart({ kind: 'assign', level: 1, target: ZHOU }, '2022-01-01')).toBe('2022-01-01')
  })

  it('knows a village chosen by its code (no id yet) is the one already paired', () => {
    const village: TargetRef = { kind: 'region', id: 121, name: '所城村', region: { code: '431127104204', name: '所城村' } }
    const chosen: TargetRef = { ...village, id: 0 }
    expect(sameTarget(village, chosen)).toBe(true)
    expect(sameTarget(village, { ...chosen, region: { code: '431127104205', name: '塔下村' } })).toBe(false)
    expect(sameTarget(JIANG, { ...JIANG, kind: 'enterprise' })).toBe(false)
    const villages = buildBoard([{ ...pairing(HUANG, village), level: 2 }], [LIAO])
    expect(previewChange(villages, { kind: 'assign', level: 2, target: chosen }, HUANG, '2026-11-29').problem).toBe('already_paired')
    expect(previewChange(villages, { kind: 'assign', level: 2, target: chosen }, LIAO, '2026-11-29').problem).toBeNull()
  })
})

describe('targets no rule judges', () => {
  it('are split by whether anyone answers for them on the day', () => {
    const option = (target: TargetRef) => ({ key: targetKey(target), target, ref: target.id, meta: '' })
    const open = openTargets([option(JIANG), option(LIANG), option(ZHOU)], [pairing(DENG, JIANG), pairing(HUANG, JIANG)])
    expect([open.total, open.covered]).toEqual([3, 1])
    expect(open.unpaired.map((o) => o.target.name)).toEqual(['梁永', '周新'])
  })
})

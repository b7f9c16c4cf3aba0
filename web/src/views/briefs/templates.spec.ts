import { describe, expect, it } from 'vitest'
import { insertAt, placeholdersOf, unknownPlaceholders } from './templates'

describe('brief template placeholders', () => {
  const body = '[截至{as_of}，{region}商会共有会员{chamber.members}][，{pairing.level1.covered|位}企业家]{items:industry}{table:children}{chamber.member}'

  it('lists each placeholder once, a unit word dropped', () => {
    expect(placeholdersOf(body)).toEqual(['as_of', 'region', 'chamber.members', 'pairing.level1.covered', 'items:industry', 'table:children', 'chamber.member'])
  })

  it('names the placeholders that are no figure and no word of the brief', () => {
    expect(unknownPlaceholders(body, new Set(['chamber.members', 'pairing.level1.covered']))).toEqual(['chamber.member'])
  })

  it('inserts at the cursor, replacing a selection', () => {
    expect(insertAt('会员人', '{chamber.members}', 2, 2)).toEqual({ body: '会员{chamber.members}人', cursor: 19 })
    expect(insertAt('会员XX人', '{x}', 2, 4)).toEqual({ body: '会员{x}人', cursor: 5 })
    expect(insertAt('ab', '{x}', 99, 99)).toEqual({ body: 'ab{x}', cursor: 5 })
  })
})

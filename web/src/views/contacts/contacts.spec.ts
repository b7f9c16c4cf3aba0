import { describe, expect, it } from 'vitest'
import { followUpState } from './contacts'

describe('follow-ups', () => {
  const asked = { follow_up: '协调招工', follow_up_due: '2022-04-30', follow_up_done_on: null }

  it('are none, open, overdue after the due day, or done', () => {
    expect(followUpState({ follow_up: '', follow_up_due: null, follow_up_done_on: null }, '2022-05-01')).toBe('none')
    expect(followUpState(asked, '2022-04-30')).toBe('open')
    expect(followUpState(asked, '2022-05-01')).toBe('overdue')
    expect(followUpState({ ...asked, follow_up_done_on: '2022-04-28' }, '2022-05-01')).toBe('done')
    // Done later than the day looked at: on that day it was still late.
    expect(followUpState({ ...asked, follow_up_done_on: '2022-05-09' }, '2022-05-01')).toBe('overdue')
  })
})

import type { Contact } from '@/api/types'

export type FollowUpState = 'none' | 'done' | 'overdue' | 'open'

/**
 * Where a contact's follow-up stands on a day: none asked, done, overdue (its
 * due day has passed — the day itself is still in time), or open.
 */
export function followUpState(contact: Pick<Contact, 'follow_up' | 'follow_up_due' | 'follow_up_done_on'>, day: string): FollowUpState {
  if (!contact.follow_up && !contact.follow_up_due) return 'none'
  if (contact.follow_up_done_on && contact.follow_up_done_on <= day) return 'done'
  if (contact.follow_up_due && contact.follow_up_due < day) return 'overdue'
  return 'open'
}

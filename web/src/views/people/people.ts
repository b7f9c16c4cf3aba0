import type { Person, Post } from '@/api/types'
import { ageOn, todayIso } from '@/utils/dates'

/**
 * A person's age in whole years: the server's `age` (given even to users who do
 * not see the birth date), else counted from the birth date; null when unknown.
 */
export function personAge(person: Pick<Person, 'age' | 'birth_date'>): number | null {
  return person.age ?? ageOn(person.birth_date)
}

/** Posts held on a day (default today): started, and not ended by then (an end date is the first day without the post). */
export function openPosts(posts: readonly Post[], day: string = todayIso()): Post[] {
  return posts.filter((p) => p.valid_from <= day && (p.valid_to === null || p.valid_to > day))
}

/** Current posts first (newest first), then ended ones (most recently ended first). */
export function sortPosts(posts: readonly Post[], day: string = todayIso()): Post[] {
  const open = new Set(openPosts(posts, day).map((p) => p.id))
  return [...posts].sort((a, b) => {
    const aOpen = open.has(a.id)
    const bOpen = open.has(b.id)
    if (aOpen !== bOpen) return aOpen ? -1 : 1
    if (aOpen) return b.valid_from.localeCompare(a.valid_from)
    return (b.valid_to ?? '').localeCompare(a.valid_to ?? '')
  })
}

/** Today in China Standard Time as YYYY-MM-DD (registry dates are calendar days there). */
export function todayIso(now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now)
  return parts
}

/** Full years from a birth date (YYYY-MM-DD) to a day, or null without a valid date. */
export function ageOn(birthDate: string | null | undefined, onDay: string = todayIso()): number | null {
  if (!birthDate) return null
  const born = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate)
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(onDay)
  if (!born || !day) return null
  let age = Number(day[1]) - Number(born[1])
  if (day[2] + day[3] < born[2] + born[3]) age -= 1
  return age >= 0 ? age : null
}

/** A day a date picker handed over (local midnight) as YYYY-MM-DD. */
export function isoOfPickedDay(day: Date): string {
  return `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}`
}

/** A YYYY-MM-DD day moved by whole days (negative: earlier). */
export function addDays(iso: string, days: number): string {
  const [y, m, d] = iso.split('-').map(Number)
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10)
}

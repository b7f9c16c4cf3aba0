// The check-in code a QR code carries: `<event_id>.<expires_unix>.<signature>`.
// Only the server can tell a good one; the page reads the event and the expiry
// from it to say what the user is checking in to.

export interface CheckInCodeParts {
  eventId: number
  expiresAt: Date
}

const CODE = /^(\d{1,15})\.(\d{1,12})\.([^.\s]+)$/

/** The event and the expiry a code names; null when it is not a code at all (a mistyped or cut address). */
export function parseCheckInCode(code: string | null | undefined): CheckInCodeParts | null {
  const match = CODE.exec((code ?? '').trim())
  if (!match) return null
  const eventId = Number(match[1])
  if (!Number.isSafeInteger(eventId) || eventId <= 0) return null
  return { eventId, expiresAt: new Date(Number(match[2]) * 1000) }
}

/** The address a QR code holds: the site's own address and the path the server gave. */
export function checkInUrl(path: string, origin: string): string {
  return origin.replace(/\/+$/, '') + (path.startsWith('/') ? path : `/${path}`)
}

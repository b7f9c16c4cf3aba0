import { vi } from 'vitest'

/** A recorded call to the stubbed fetch. */
export interface SentRequest {
  url: string
  method: string
  headers: Record<string, string>
  body: unknown
  credentials: RequestCredentials | undefined
}

export type Responder = (request: SentRequest) => Response | Promise<Response>

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  })
}

/** An empty page of a list: no items, total 0. */
export const emptyPage = () => json(200, { items: [], total: 0 })

export function apiError(status: number, code: string, message: string, fields?: Record<string, string>) {
  return json(status, { error: { code, message, ...(fields ? { fields } : {}) } })
}

/** Replaces global fetch; every request is recorded and answered by `respond`. */
export function stubFetch(respond: Responder) {
  const sent: SentRequest[] = []
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const headers: Record<string, string> = {}
    const given = init.headers ?? {}
    const pairs = given instanceof Headers ? [...given.entries()] : Object.entries(given as Record<string, string>)
    for (const [key, value] of pairs) headers[key.toLowerCase()] = value
    const request: SentRequest = {
      url: String(input),
      method: (init.method ?? 'GET').toUpperCase(),
      headers,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
      credentials: init.credentials,
    }
    sent.push(request)
    return respond(request)
  })
  vi.stubGlobal('fetch', fetchMock)
  return sent
}

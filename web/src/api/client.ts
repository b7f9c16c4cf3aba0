// The one wrapper around fetch for the server's JSON API (docs/api.md).
// Every request goes through `request`: it adds the CSRF and language headers,
// turns error bodies into ApiError, and reports an ended session once.

export const API_PREFIX = '/api/v1'

/** A failed API call: the HTTP status and the server's `{"error":{...}}` body. */
export class ApiError extends Error {
  readonly status: number
  /** The server's error code (`invalid`, `forbidden`, ...), or `network` / `bad_response`. */
  readonly code: string
  /** Field name -> message, filled on 422 `invalid`. */
  readonly fields: Record<string, string>
  /** Seconds from a `Retry-After` header (429), when present. */
  readonly retryAfter: number | null

  constructor(
    status: number,
    code: string,
    message: string,
    fields: Record<string, string> = {},
    retryAfter: number | null = null,
  ) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.fields = fields
    this.retryAfter = retryAfter
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError
}

export interface ClientHooks {
  /** The current interface language, sent as Accept-Language. */
  language: () => string
  /** Called when the server says the session is gone (401 outside login). */
  onUnauthorized: (error: ApiError) => void
}

const hooks: ClientHooks = {
  language: () => 'zh-CN',
  onUnauthorized: () => {},
}

/** Wires the client to the app: language source and what to do on a lost session. */
export function configureClient(update: Partial<ClientHooks>): void {
  Object.assign(hooks, update)
}

export type QueryValue = string | number | boolean | null | undefined
export type Query = Record<string, QueryValue>

export interface RequestOptions {
  query?: Query
  body?: unknown
  /** A 401 is an expected answer (login, the session probe): do not end the session. */
  expectUnauthenticated?: boolean
  signal?: AbortSignal
}

const SAFE_METHODS = new Set(['GET', 'HEAD'])

export function buildUrl(path: string, query?: Query): string {
  let url = API_PREFIX + path
  if (query) {
    const params = new URLSearchParams()
    for (const [key, value] of Object.entries(query)) {
      if (value === undefined || value === null || value === '') continue
      params.append(key, String(value))
    }
    const text = params.toString()
    if (text) url += (url.includes('?') ? '&' : '?') + text
  }
  return url
}

function asStringRecord(value: unknown): Record<string, string> {
  const out: Record<string, string> = {}
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, message] of Object.entries(value)) {
      out[key] = typeof message === 'string' ? message : String(message)
    }
  }
  return out
}

async function errorFromResponse(response: Response): Promise<ApiError> {
  const retryHeader = response.headers.get('Retry-After')
  const retryAfter = retryHeader !== null && /^\d+$/.test(retryHeader) ? Number(retryHeader) : null
  let body: unknown = null
  try {
    body = await response.json()
  } catch {
    // Not JSON (a proxy's error page, an empty body): keep the status only.
  }
  const error =
    body && typeof body === 'object' ? (body as { error?: unknown }).error : undefined
  if (error && typeof error === 'object') {
    const e = error as { code?: unknown; message?: unknown; fields?: unknown }
    return new ApiError(
      response.status,
      typeof e.code === 'string' ? e.code : `http_${response.status}`,
      typeof e.message === 'string' ? e.message : '',
      asStringRecord(e.fields),
      retryAfter,
    )
  }
  return new ApiError(response.status, `http_${response.status}`, '', {}, retryAfter)
}

export async function request<T>(
  method: string,
  path: string,
  options: RequestOptions = {},
): Promise<T> {
  const upper = method.toUpperCase()
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': hooks.language(),
  }
  if (!SAFE_METHODS.has(upper)) headers['X-Requested-With'] = 'shuanglun'
  const init: RequestInit = {
    method: upper,
    headers,
    credentials: 'same-origin',
    signal: options.signal,
  }
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json'
    init.body = JSON.stringify(options.body)
  }

  let response: Response
  try {
    response = await fetch(buildUrl(path, options.query), init)
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause
    throw new ApiError(0, 'network', '')
  }

  if (!response.ok) {
    const error = await errorFromResponse(response)
    if (
      error.status === 401 &&
      !options.expectUnauthenticated &&
      error.code !== 'bad_credentials'
    ) {
      hooks.onUnauthorized(error)
    }
    throw error
  }
  if (response.status === 204) return undefined as T
  const text = await response.text()
  if (!text) return undefined as T
  try {
    return JSON.parse(text) as T
  } catch {
    throw new ApiError(response.status, 'bad_response', '')
  }
}

export const http = {
  get: <T>(path: string, query?: Query, options: RequestOptions = {}) =>
    request<T>('GET', path, { ...options, query }),
  post: <T>(path: string, body?: unknown, options: RequestOptions = {}) =>
    request<T>('POST', path, { ...options, body }),
  patch: <T>(path: string, body?: unknown, options: RequestOptions = {}) =>
    request<T>('PATCH', path, { ...options, body }),
  delete: <T>(path: string, options: RequestOptions = {}) => request<T>('DELETE', path, options),
}

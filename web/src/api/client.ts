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

/** An error answer's body (any text) as an ApiError, the same way for fetch and upload. */
export function errorFromBody(status: number, text: string, retryHeader: string | null): ApiError {
  const retryAfter = retryHeader !== null && /^\d+$/.test(retryHeader) ? Number(retryHeader) : null
  let body: unknown = null
  try {
    body = text ? JSON.parse(text) : null
  } catch {
    // Not JSON (a proxy's error page, an empty body): keep the status only.
  }
  const error =
    body && typeof body === 'object' ? (body as { error?: unknown }).error : undefined
  if (error && typeof error === 'object') {
    const e = error as { code?: unknown; message?: unknown; fields?: unknown }
    return new ApiError(
      status,
      typeof e.code === 'string' ? e.code : `http_${status}`,
      typeof e.message === 'string' ? e.message : '',
      asStringRecord(e.fields),
      retryAfter,
    )
  }
  return new ApiError(status, `http_${status}`, '', {}, retryAfter)
}

async function errorFromResponse(response: Response): Promise<ApiError> {
  let text = ''
  try {
    text = await response.text()
  } catch {
    // The body could not be read; the status still says what happened.
  }
  return errorFromBody(response.status, text, response.headers.get('Retry-After'))
}

/** Ends the session once when the server says it is gone (a wrong password is not that). */
function noticeUnauthorized(error: ApiError, expectUnauthenticated: boolean | undefined): void {
  if (error.status === 401 && !expectUnauthenticated && error.code !== 'bad_credentials') {
    hooks.onUnauthorized(error)
  }
}

function commonHeaders(method: string): Record<string, string> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': hooks.language(),
  }
  if (!SAFE_METHODS.has(method)) headers['X-Requested-With'] = 'shuanglun'
  return headers
}

export async function request<T>(
  method: string,
  path: string,
  options: RequestOptions = {},
): Promise<T> {
  const upper = method.toUpperCase()
  const headers = commonHeaders(upper)
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
    noticeUnauthorized(error, options.expectUnauthenticated)
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
  put: <T>(path: string, body?: unknown, options: RequestOptions = {}) =>
    request<T>('PUT', path, { ...options, body }),
  delete: <T>(path: string, options: RequestOptions = {}) => request<T>('DELETE', path, options),
}

/** A file the server sent: its bytes and the name it suggested (Content-Disposition). */
export interface DownloadedFile {
  blob: Blob
  filename: string | null
}

/**
 * The file name from a Content-Disposition header: the UTF-8 `filename*` form
 * (Chinese names) when present, else the plain `filename`.
 */
export function filenameFromDisposition(header: string | null): string | null {
  if (!header) return null
  const extended = /filename\*\s*=\s*([^;]+)/i.exec(header)
  if (extended) {
    const value = extended[1].trim().replace(/^"(.*)"$/, '$1')
    const encoded = value.replace(/^[\w-]+'[^']*'/, '')
    try {
      const name = decodeURIComponent(encoded)
      if (name) return name
    } catch {
      // A malformed escape: fall back to the plain name.
    }
  }
  const plain = /filename\s*=\s*("((?:[^"\\]|\\.)*)"|[^;]+)/i.exec(header)
  if (!plain) return null
  const name = (plain[2] !== undefined ? plain[2].replace(/\\(.)/g, '$1') : plain[1]).trim()
  return name || null
}

/** Downloads a file (templates, exports) with the same headers and error handling as `request`. */
export async function download(path: string, query?: Query, options: { signal?: AbortSignal } = {}): Promise<DownloadedFile> {
  const headers = commonHeaders('GET')
  headers.Accept = '*/*'
  let response: Response
  try {
    response = await fetch(buildUrl(path, query), {
      method: 'GET',
      headers,
      credentials: 'same-origin',
      signal: options.signal,
    })
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause
    throw new ApiError(0, 'network', '')
  }
  if (!response.ok) {
    const error = await errorFromResponse(response)
    noticeUnauthorized(error, false)
    throw error
  }
  return {
    blob: await response.blob(),
    filename: filenameFromDisposition(response.headers.get('Content-Disposition')),
  }
}

const CONTENT_TYPES: Record<string, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv',
}

/** The type the browser gave the file, or one from its extension when it gave none. */
export function contentTypeOf(file: Blob): string {
  if (file.type) return file.type
  const name = (file as Partial<File>).name ?? ''
  const extension = name.slice(name.lastIndexOf('.') + 1).toLowerCase()
  return CONTENT_TYPES[extension] ?? 'application/octet-stream'
}

export interface UploadOptions {
  query?: Query
  /** Called while the browser sends the file, with the fraction sent (0 to 1). */
  onProgress?: (fraction: number) => void
  signal?: AbortSignal
}

interface XhrAnswer<B> {
  body: B
  header: (name: string) => string | null
}

/**
 * POSTs a file as the request body through XMLHttpRequest, which (unlike fetch)
 * reports upload progress. Same headers, error parsing and lost-session handling
 * as `request`.
 */
function sendFile(path: string, file: Blob, options: UploadOptions, responseType: 'text'): Promise<XhrAnswer<string>>
function sendFile(path: string, file: Blob, options: UploadOptions, responseType: 'blob'): Promise<XhrAnswer<Blob>>
function sendFile(
  path: string,
  file: Blob,
  options: UploadOptions,
  responseType: 'text' | 'blob',
): Promise<XhrAnswer<string | Blob>> {
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) {
      reject(new DOMException('The upload was aborted', 'AbortError'))
      return
    }
    const xhr = new XMLHttpRequest()
    xhr.open('POST', buildUrl(path, options.query))
    xhr.responseType = responseType
    const headers = commonHeaders('POST')
    if (responseType === 'blob') headers.Accept = '*/*, application/json'
    headers['Content-Type'] = contentTypeOf(file)
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value)

    const onAbortSignal = () => xhr.abort()
    options.signal?.addEventListener('abort', onAbortSignal)
    const done = () => options.signal?.removeEventListener('abort', onAbortSignal)

    if (options.onProgress) {
      const report = options.onProgress
      xhr.upload.addEventListener('progress', (event) => {
        if (event.lengthComputable && event.total > 0) report(Math.min(1, event.loaded / event.total))
      })
      xhr.upload.addEventListener('load', () => report(1))
    }
    xhr.addEventListener('load', () => {
      done()
      const header = (name: string) => xhr.getResponseHeader(name)
      const body = xhr.response as string | Blob | null
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve({ body: body ?? (responseType === 'blob' ? new Blob([]) : ''), header })
        return
      }
      const text = body instanceof Blob ? body.text() : Promise.resolve(body ?? '')
      text
        .catch(() => '')
        .then((content) => {
          const error = errorFromBody(xhr.status, content, header('Retry-After'))
          noticeUnauthorized(error, false)
          reject(error)
        })
    })
    xhr.addEventListener('error', () => {
      done()
      reject(new ApiError(0, 'network', ''))
    })
    xhr.addEventListener('abort', () => {
      done()
      reject(new DOMException('The upload was aborted', 'AbortError'))
    })
    xhr.send(file)
  })
}

/** Uploads a file and answers the server's JSON. */
export async function upload<T>(path: string, file: Blob, options: UploadOptions = {}): Promise<T> {
  const answer = await sendFile(path, file, options, 'text')
  if (!answer.body) return undefined as T
  try {
    return JSON.parse(answer.body) as T
  } catch {
    throw new ApiError(200, 'bad_response', '')
  }
}

/** Uploads a file and answers the file the server sends back. */
export async function uploadForFile(path: string, file: Blob, options: UploadOptions = {}): Promise<DownloadedFile> {
  const answer = await sendFile(path, file, options, 'blob')
  return { blob: answer.body, filename: filenameFromDisposition(answer.header('Content-Disposition')) }
}

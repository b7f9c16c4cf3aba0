import { vi } from 'vitest'

/** A recorded upload through the stubbed XMLHttpRequest. */
export interface SentUpload {
  method: string
  url: string
  headers: Record<string, string>
  body: unknown
  responseType: XMLHttpRequestResponseType
}

export interface XhrAnswer {
  status: number
  /** Text for a JSON answer, a Blob for a file. */
  body: string | Blob
  headers?: Record<string, string>
  /** Upload progress events to fire before the answer: [loaded, total]. */
  progress?: [number, number][]
  /** Fail as the network does (the `error` event), without an answer. */
  networkError?: boolean
}

function progressEvent(type: string, loaded: number, total: number): Event {
  return Object.assign(new Event(type), { lengthComputable: total > 0, loaded, total })
}

/**
 * Replaces XMLHttpRequest (which uploads use for their progress); every request
 * is recorded and answered by `respond`.
 */
export function stubXhr(respond: (request: SentUpload) => XhrAnswer | Promise<XhrAnswer>) {
  const sent: SentUpload[] = []

  class FakeXhr extends EventTarget {
    readonly upload = new EventTarget()
    responseType: XMLHttpRequestResponseType = ''
    status = 0
    response: unknown = null
    private method = 'GET'
    private url = ''
    private headers: Record<string, string> = {}
    private answerHeaders: Record<string, string> = {}
    private aborted = false

    open(method: string, url: string) {
      this.method = method.toUpperCase()
      this.url = url
    }

    setRequestHeader(name: string, value: string) {
      this.headers[name.toLowerCase()] = value
    }

    getResponseHeader(name: string): string | null {
      const key = Object.keys(this.answerHeaders).find((k) => k.toLowerCase() === name.toLowerCase())
      return key ? this.answerHeaders[key] : null
    }

    abort() {
      this.aborted = true
      this.dispatchEvent(new Event('abort'))
    }

    send(body: unknown) {
      const request: SentUpload = {
        method: this.method,
        url: this.url,
        headers: { ...this.headers },
        body,
        responseType: this.responseType,
      }
      sent.push(request)
      void (async () => {
        const answer = await respond(request)
        await Promise.resolve()
        if (this.aborted) return
        if (answer.networkError) {
          this.dispatchEvent(new Event('error'))
          return
        }
        for (const [loaded, total] of answer.progress ?? []) {
          this.upload.dispatchEvent(progressEvent('progress', loaded, total))
        }
        this.upload.dispatchEvent(new Event('load'))
        this.status = answer.status
        this.answerHeaders = answer.headers ?? {}
        if (this.responseType === 'blob') {
          this.response = answer.body instanceof Blob ? answer.body : new Blob([answer.body])
        } else {
          this.response = answer.body instanceof Blob ? await answer.body.text() : answer.body
        }
        this.dispatchEvent(new Event('load'))
      })()
    }
  }

  vi.stubGlobal('XMLHttpRequest', FakeXhr)
  return sent
}

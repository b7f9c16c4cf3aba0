import { describe, expect, it } from 'vitest'
import {
  ApiError,
  contentTypeOf,
  download,
  filenameFromDisposition,
  upload,
  uploadForFile,
} from './client'
import { apiError, stubFetch } from '@/test-support/fetch'
import { stubXhr } from '@/test-support/xhr'
import { configureClientPerTest } from '@/test-support/client'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

function workbook(name = '人员.xlsx', type = XLSX): File {
  return new File([new Uint8Array([0x50, 0x4b, 0x03, 0x04])], name, { type })
}

describe('file uploads and downloads', () => {
  const onUnauthorized = configureClientPerTest('zh-TW')

  it('uploads the file as the body with the CSRF and language headers and its own type', async () => {
    const sent = stubXhr(() => ({ status: 200, body: JSON.stringify({ rows: 2 }) }))
    const file = workbook()
    const answer = await upload<{ rows: number }>('/imports', file, { query: { kind: 'people', dry_run: true } })

    expect(answer).toEqual({ rows: 2 })
    expect(sent).toHaveLength(1)
    expect(sent[0]).toMatchObject({ method: 'POST', url: '/api/v1/imports?kind=people&dry_run=true', body: file })
    expect(sent[0].headers).toMatchObject({
      'x-requested-with': 'shuanglun',
      'accept-language': 'zh-TW',
      'content-type': XLSX,
      accept: 'application/json',
    })
  })

  it('reports upload progress as fractions, ending at 1', async () => {
    stubXhr(() => ({ status: 200, body: '{}', progress: [[0, 400], [100, 400], [400, 400]] }))
    const seen: number[] = []
    await upload('/imports', workbook(), { onProgress: (f) => seen.push(f) })
    expect(seen).toEqual([0, 0.25, 1, 1])
  })

  it('parses an error answer the same way as JSON requests', async () => {
    stubXhr(() => ({
      status: 422,
      body: JSON.stringify({ error: { code: 'invalid', message: '文件格式不对', fields: { file: '不是 xlsx 或 csv' } } }),
    }))
    const error = await upload('/imports', workbook()).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({ status: 422, code: 'invalid', message: '文件格式不对', fields: { file: '不是 xlsx 或 csv' } })
  })

  it('keeps the status of a non-JSON error and Retry-After, and reports a lost session once', async () => {
    stubXhr(() => ({ status: 413, body: '<html>Too large</html>', headers: { 'Retry-After': '5' } }))
    await expect(upload('/imports', workbook())).rejects.toMatchObject({ status: 413, code: 'http_413', retryAfter: 5 })

    stubXhr(() => ({ status: 401, body: JSON.stringify({ error: { code: 'unauthenticated', message: '请先登录' } }) }))
    await expect(upload('/imports', workbook())).rejects.toMatchObject({ status: 401, code: 'unauthenticated' })
    expect(onUnauthorized).toHaveBeenCalledTimes(1)
  })

  it('turns a network failure into a network error and an abort into AbortError', async () => {
    stubXhr(() => ({ status: 0, body: '', networkError: true }))
    await expect(upload('/imports', workbook())).rejects.toMatchObject({ status: 0, code: 'network' })

    stubXhr(() => new Promise(() => {})) // never answers
    const controller = new AbortController()
    const pending = upload('/imports', workbook(), { signal: controller.signal })
    controller.abort()
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' })
  })

  it('receives a file back with the name the server gave it; errors inside a blob are still parsed', async () => {
    const sent = stubXhr(() => ({
      status: 200,
      body: new Blob(['PK'], { type: XLSX }),
      headers: { 'Content-Disposition': "attachment; filename=\"people.xlsx\"; filename*=UTF-8''%E4%BA%BA%E5%91%98_%E9%94%99%E8%AF%AF.xlsx" },
    }))
    const file = await uploadForFile('/imports/annotated', workbook(), { query: { kind: 'people' } })
    expect(sent[0].url).toBe('/api/v1/imports/annotated?kind=people')
    expect(sent[0].responseType).toBe('blob')
    expect(file.filename).toBe('人员_错误.xlsx')
    expect(await file.blob.text()).toBe('PK')

    stubXhr(() => ({ status: 403, body: JSON.stringify({ error: { code: 'forbidden', message: '没有权限' } }) }))
    await expect(uploadForFile('/imports/annotated', workbook())).rejects.toMatchObject({
      status: 403,
      code: 'forbidden',
      message: '没有权限',
    })
  })

  it('downloads with the language header and the filters as query, and parses errors', async () => {
    const sent = stubFetch(
      () =>
        new Response('PK', {
          status: 200,
          headers: { 'Content-Type': XLSX, 'Content-Disposition': 'attachment; filename="people.xlsx"' },
        }),
    )
    const file = await download('/exports/people.xlsx', { q: 'zjl', region: '431127103', tag: '' })
    expect(sent[0].url).toBe('/api/v1/exports/people.xlsx?q=zjl&region=431127103')
    expect(sent[0].method).toBe('GET')
    expect(sent[0].headers['accept-language']).toBe('zh-TW')
    expect(sent[0].headers['x-requested-with']).toBeUndefined()
    expect(file.filename).toBe('people.xlsx')
    expect(await file.blob.text()).toBe('PK')

    stubFetch(() => apiError(404, 'not_found', '没有这个模板'))
    await expect(download('/templates/nothing.xlsx')).rejects.toMatchObject({ status: 404, message: '没有这个模板' })
  })
})

describe('filenameFromDisposition', () => {
  it('prefers the UTF-8 name, then the plain one', () => {
    expect(filenameFromDisposition("attachment; filename*=UTF-8''%E4%BA%BA%E5%91%98.xlsx")).toBe('人员.xlsx')
    expect(filenameFromDisposition('attachment; filename="a \\"b\\".xlsx"')).toBe('a "b".xlsx')
    expect(filenameFromDisposition('attachment; filename=plain.csv')).toBe('plain.csv')
    expect(filenameFromDisposition("attachment; filename*=UTF-8''%E4%ZZ; filename=\"fallback.xlsx\"")).toBe('fallback.xlsx')
    expect(filenameFromDisposition('attachment')).toBeNull()
    expect(filenameFromDisposition(null)).toBeNull()
  })
})

describe('contentTypeOf', () => {
  it('uses the browser’s type, else one from the extension', () => {
    expect(contentTypeOf(new File(['a'], 'x.csv', { type: 'text/csv' }))).toBe('text/csv')
    expect(contentTypeOf(new File(['a'], '人员.XLSX'))).toBe(XLSX)
    expect(contentTypeOf(new File(['a'], 'list.csv'))).toBe('text/csv')
    expect(contentTypeOf(new File(['a'], 'notes.txt'))).toBe('application/octet-stream')
  })
})

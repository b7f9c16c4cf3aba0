import { describe, expect, it } from 'vitest'
import { json, stubFetch } from '@/test-support/fetch'
import { createIncome, deleteIncome, getIncome, getIncomeStats, listIncome, updateIncome } from './income'

describe('collective income API module', () => {
  it('lists, reads, creates, changes and deletes entries, and reads the figures', async () => {
    const sent = stubFetch((r) => (r.method === 'DELETE' ? new Response(null, { status: 204 }) : json(200, { items: [], total: 0 })))
    await listIncome({ region: '431127103', year: 2023, source: '', page: 1, page_size: 20 })
    await getIncome(5)
    await createIncome({ organization_id: 31, year: 2023, source: 'dividend', amount_fen: 1_500_000, received_on: '2023-12-20' })
    await updateIncome(5, { amount_fen: 1_600_000, version: 1 })
    await deleteIncome(5)
    await getIncomeStats({ region: '431127103', year: 2023, by: 'child' })
    expect(sent.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /api/v1/collective-income?region=431127103&year=2023&page=1&page_size=20',
      'GET /api/v1/collective-income/5',
      'POST /api/v1/collective-income',
      'PATCH /api/v1/collective-income/5',
      'DELETE /api/v1/collective-income/5',
      'GET /api/v1/stats/collective-income?region=431127103&year=2023&by=child',
    ])
  })
})

import { describe, expect, it } from 'vitest'
import { json, stubFetch } from '@/test-support/fetch'
import {
  createLandContract,
  deleteLandContract,
  deleteReceipt,
  getLandContract,
  getLandStats,
  getPayments,
  listLandContracts,
  postReceipt,
  updateLandContract,
} from './land'

describe('land API module', () => {
  it('lists contracts with the filters the server takes, leaving out empty ones', async () => {
    const sent = stubFetch(() => json(200, { items: [], total: 0 }))
    await listLandContracts({ region: '431127103', land_type: '', overdue: true, ending_within: 90, q: 'zcy', page: 2, page_size: 50 })
    await listLandContracts()
    expect(sent.map((r) => r.url)).toEqual([
      '/api/v1/land-contracts?region=431127103&overdue=true&ending_within=90&q=zcy&page=2&page_size=50',
      '/api/v1/land-contracts',
    ])
  })

  it('reads, creates, changes and deletes contracts, their payments and receipts at their addresses', async () => {
    const sent = stubFetch((r) => (r.method === 'DELETE' ? new Response(null, { status: 204 }) : json(200, {})))
    await getLandContract(3)
    await createLandContract({
      region: '431127103224',
      transferor: { organization_id: 31 },
      transferee: { enterprise_id: 9 },
      land_type: 'forest',
      area_mu: '450.00',
      starts_on: '2022-09-01',
      years: 5,
      rent_fen_per_year: 4_000_000,
      payment_frequency: 'yearly',
    })
    await updateLandContract(3, { jobs: 35, version: 2 })
    await deleteLandContract(3)
    await getPayments(3)
    await getPayments(3, '2023-12-31')
    await postReceipt(3, 2, { received_on: '2023-10-16', amount_fen: 4_000_010, payer: '朋佳中草药', note: '' })
    await deleteReceipt(3, 11)
    await getLandStats({ region: '431127103', year: 2023, by: 'child' })
    expect(sent.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /api/v1/land-contracts/3',
      'POST /api/v1/land-contracts',
      'PATCH /api/v1/land-contracts/3',
      'DELETE /api/v1/land-contracts/3',
      'GET /api/v1/land-contracts/3/payments',
      'GET /api/v1/land-contracts/3/payments?date=2023-12-31',
      'POST /api/v1/land-contracts/3/payments/2/receipts',
      'DELETE /api/v1/land-contracts/3/receipts/11',
      'GET /api/v1/stats/land?region=431127103&year=2023&by=child',
    ])
    expect(sent[6].body).toEqual({ received_on: '2023-10-16', amount_fen: 4_000_010, payer: '朋佳中草药', note: '' })
  })
})

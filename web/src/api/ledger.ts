import { http, type QueryValue } from './client'
import type { Page } from './types'

/**
 * A ledger's five calls on one path (docs/api.md, "Registry"): GET a filtered
 * page, GET one record (its detail form), POST, PATCH, DELETE.
 */
export function ledgerApi<Item, Query extends { [K in keyof Query]?: QueryValue }, Create, Patch, Detail = Item>(path: string) {
  return {
    list: (query: Query = {} as Query): Promise<Page<Item>> => http.get<Page<Item>>(path, { ...query }),
    get: (id: number): Promise<Detail> => http.get<Detail>(`${path}/${id}`),
    create: (input: Create): Promise<Item> => http.post<Item>(path, input),
    update: (id: number, patch: Patch): Promise<Item> => http.patch<Item>(`${path}/${id}`, patch),
    remove: (id: number): Promise<void> => http.delete<void>(`${path}/${id}`),
  }
}

import { http } from './client'
import type { Role } from './types'

export function listRoles(): Promise<{ items: Role[] }> {
  return http.get<{ items: Role[] }>('/roles')
}

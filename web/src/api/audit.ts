import { http } from './client'
import type { AuditEntry, Page } from './types'

export interface AuditQuery {
  entity: string
  id: number
  page?: number
  page_size?: number
}

/** The change history of one record, newest first. */
export function listAudit(query: AuditQuery): Promise<Page<AuditEntry>> {
  return http.get<Page<AuditEntry>>('/audit', { ...query })
}

import { http } from './client'
import type { AuditEntry, LoginEntry, Page, PageQuery } from './types'

/** The kinds of record the change log knows (its `entity` filter). */
export const AUDIT_ENTITIES = [
  'user',
  'region',
  'person',
  'organization',
  'enterprise',
  'membership',
  'pairing',
  'contact',
  'rule',
  'project',
  'event',
  'event_kind',
] as const
export type AuditEntity = (typeof AUDIT_ENTITIES)[number]

/** The actions the change log records (its `action` filter), in the order a filter lists them. */
export const AUDIT_ACTIONS = [
  'create',
  'update',
  'delete',
  'add_post',
  'update_post',
  'delete_post',
  'party_stage',
  'add_member',
  'update_member',
  'delete_member',
  'import',
  'restore',
  'attendance',
  'password',
  'unlock',
] as const

/** Filters of GET /audit: one record's history (`entity` and `id`) or the log across records. */
export interface AuditQuery extends Omit<PageQuery, 'q'> {
  entity?: string
  id?: number
  /** A username. */
  user?: string
  action?: string
  /** First and last day (in China), inclusive. */
  from?: string
  to?: string
}

/** The change log (操作日志) in the view scope, newest first. */
export function listAudit(query: AuditQuery): Promise<Page<AuditEntry>> {
  return http.get<Page<AuditEntry>>('/audit', { ...query })
}

/** Filters of GET /logins. */
export interface LoginQuery extends Omit<PageQuery, 'q'> {
  user?: string
  address?: string
  /** 'true' for the successful sign-ins, 'false' for the failed ones. */
  ok?: string
  from?: string
  to?: string
}

/** The sign-in log (登录日志), newest first. */
export function listLogins(query: LoginQuery): Promise<Page<LoginEntry>> {
  return http.get<Page<LoginEntry>>('/logins', { ...query })
}

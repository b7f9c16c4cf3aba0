import { http } from './client'
import type { Job } from './types'

/** Filters of GET /jobs: the caller's latest 20 jobs, newest first. */
export interface JobQuery {
  kind?: string
  subject?: string
  /** Only those still under way (queued, running, undoing). */
  active?: boolean
}

/** One of the caller's jobs, with its result once done (404 for anyone else's). */
export function getJob<R = unknown>(id: number, options: { signal?: AbortSignal } = {}): Promise<Job<R>> {
  return http.get<Job<R>>(`/jobs/${id}`, undefined, options)
}

/** The caller's latest jobs, without their results. */
export function listJobs<R = unknown>(
  query: JobQuery,
  options: { signal?: AbortSignal } = {},
): Promise<{ items: Job<R>[] }> {
  return http.get<{ items: Job<R>[] }>('/jobs', { ...query }, options)
}

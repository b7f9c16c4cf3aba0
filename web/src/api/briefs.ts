// The work brief (工作简报) and its section templates: docs/api.md,
// "Figures of any region and period (统计), and the work brief".
import { download, http, type DownloadedFile } from './client'
import type { BriefFormat, BriefTemplate } from './types'

export interface BriefQuery {
  region: string
  from: string
  to: string
}

/** The brief as a file (Word, Excel, or one print-ready HTML page), named by the server. */
export function downloadBrief(query: BriefQuery, format: BriefFormat, signal?: AbortSignal): Promise<DownloadedFile> {
  return download('/briefs', { ...query, format }, { signal })
}

/** The brief as one print-ready HTML page, for a preview. */
export async function briefHtml(query: BriefQuery, signal?: AbortSignal): Promise<string> {
  const file = await downloadBrief(query, 'html', signal)
  return file.blob.text()
}

/** The sections' templates and the item templates, in the brief's order. */
export function listBriefTemplates(): Promise<{ items: BriefTemplate[] }> {
  return http.get<{ items: BriefTemplate[] }>('/brief-templates')
}

export interface BriefTemplatePatch {
  heading?: string
  body?: string
  /** The version the editor saw (409 when another change came first). */
  version?: number
}

/** Changes a section's heading or body; 422 names a body with unpaired braces or brackets. */
export function updateBriefTemplate(section: string, patch: BriefTemplatePatch): Promise<Partial<BriefTemplate> & { section: string; version: number }> {
  return http.put(`/brief-templates/${encodeURIComponent(section)}`, patch)
}

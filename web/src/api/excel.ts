import { download, upload, uploadForFile, type DownloadedFile, type Query, type UploadOptions } from './client'
import type { ImportResult, RegistryKind } from './types'

/** The empty workbook to fill in: Chinese headers, drop-downs, an example row, 说明. */
export function downloadTemplate(kind: RegistryKind): Promise<DownloadedFile> {
  return download(`/templates/${kind}.xlsx`)
}

/** The list (with the same filters as its list route) as a workbook that imports back unchanged. */
export function downloadExport(kind: RegistryKind, filters: Query = {}): Promise<DownloadedFile> {
  return download(`/exports/${kind}.xlsx`, filters)
}

/**
 * Imports an .xlsx or .csv file. With `dryRun` the server only checks it; either
 * way any error writes nothing.
 */
export function importFile(
  kind: RegistryKind,
  file: Blob,
  dryRun: boolean,
  options: Omit<UploadOptions, 'query'> = {},
): Promise<ImportResult> {
  return upload<ImportResult>('/imports', file, { ...options, query: { kind, dry_run: dryRun } })
}

/** The same file back as .xlsx with a 错误 column naming each row's mistakes. */
export function annotateFile(
  kind: RegistryKind,
  file: Blob,
  options: Omit<UploadOptions, 'query'> = {},
): Promise<DownloadedFile> {
  return uploadForFile('/imports/annotated', file, { ...options, query: { kind } })
}

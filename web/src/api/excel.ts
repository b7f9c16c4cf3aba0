import { download, upload, uploadForFile, type DownloadedFile, type Query, type UploadOptions } from './client'
import type { ImportResult, JobAccepted, RegistryKind } from './types'

/** The empty workbook to fill in: Chinese headers, drop-downs, an example row, 说明. */
export function downloadTemplate(kind: RegistryKind): Promise<DownloadedFile> {
  return download(`/templates/${kind}.xlsx`)
}

/** The list (with the same filters as its list route) as a workbook that imports back unchanged. */
export function downloadExport(kind: RegistryKind, filters: Query = {}): Promise<DownloadedFile> {
  return download(`/exports/${kind}.xlsx`, filters)
}

/** What an import answers: its report, or (a file of more than 1000 rows) the job doing it. */
export type ImportAnswer = ImportResult | JobAccepted<ImportResult>

/** Whether the import goes on in the background (the server answered 202). */
export function isImportJob(answer: ImportAnswer): answer is JobAccepted<ImportResult> {
  return 'job' in answer && answer.job !== undefined
}

/**
 * Imports an .xlsx or .csv file. With `dryRun` the server only checks it; either
 * way any error writes nothing. A large file is imported as a job (see
 * `api/jobs`), whose result is this same report.
 */
export function importFile(
  kind: RegistryKind,
  file: Blob,
  dryRun: boolean,
  options: Omit<UploadOptions, 'query'> = {},
): Promise<ImportAnswer> {
  const filename = (file as Partial<File>).name
  return upload<ImportAnswer>('/imports', file, { ...options, query: { kind, dry_run: dryRun, filename } })
}

/** The same file back as .xlsx with a 错误 column naming each row's mistakes. */
export function annotateFile(
  kind: RegistryKind,
  file: Blob,
  options: Omit<UploadOptions, 'query'> = {},
): Promise<DownloadedFile> {
  return uploadForFile('/imports/annotated', file, { ...options, query: { kind } })
}

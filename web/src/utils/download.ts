import type { DownloadedFile } from '@/api/client'

/** Characters that file systems refuse in names (control characters are dropped separately). */
const UNSAFE = /[\\/:*?"<>|]+/g

export function safeFilename(name: string): string {
  const printable = [...name].filter((ch) => ch.charCodeAt(0) >= 0x20).join('')
  return printable.replace(UNSAFE, '_').trim() || 'download'
}

/** "人员.xlsx" -> "人员_标注错误.xlsx" (always .xlsx: the server answers a workbook). */
export function annotatedFilename(original: string, suffix: string): string {
  const dot = original.lastIndexOf('.')
  const base = dot > 0 ? original.slice(0, dot) : original
  return safeFilename(`${base}_${suffix}.xlsx`)
}

/** Hands a downloaded file to the browser's save dialog / downloads folder. */
export function saveFile(file: DownloadedFile, fallbackName: string): void {
  const url = URL.createObjectURL(file.blob)
  const link = document.createElement('a')
  link.href = url
  link.download = safeFilename(file.filename ?? fallbackName)
  link.rel = 'noopener'
  link.style.display = 'none'
  document.body.appendChild(link)
  link.click()
  link.remove()
  // Give the browser time to start the download before the URL goes away.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000)
}

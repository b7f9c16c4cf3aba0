import type { FormItemRule } from 'element-plus'
import { isApiError } from '@/api/client'
import { i18n } from '@/i18n'

/**
 * A failed save split for a form: messages for the fields the form shows (beside
 * them), and whether anything is left that only a message above the form can say.
 * Nested names (`party_stage.since`) count for the form field they start with.
 */
export function splitFieldErrors(
  error: unknown,
  shownFields: readonly string[],
): { fields: Record<string, string>; unplaced: string[] } {
  const fields: Record<string, string> = {}
  const unplaced: string[] = []
  if (!isApiError(error)) return { fields, unplaced }
  for (const [name, message] of Object.entries(error.fields)) {
    const field = shownFields.includes(name) ? name : shownFields.find((f) => name.startsWith(`${f}.`) || name.startsWith(`${f}[`))
    if (field) fields[field] = fields[field] ? `${fields[field]} ${message}` : message
    else unplaced.push(message)
  }
  return { fields, unplaced }
}

/** A rule: something must be chosen (a select, a date, a region); checked when it changes. */
export function requiredChoice(message: string): FormItemRule {
  return { required: true, message, trigger: 'change' }
}

/** A rule: a day must be chosen (请选择日期); checked when it changes. */
export function requiredDate(): FormItemRule {
  return requiredChoice(i18n.global.t('registry.dateRequired'))
}

/** A rule: text must be typed, more than spaces; checked when the field is left. */
export function requiredText(message: string): FormItemRule {
  return { required: true, whitespace: true, message, trigger: 'blur' }
}

type Values = Record<string, unknown>

/** Whether a field kept its value: lists as sets, the rest as they are. */
function same(now: unknown, before: unknown): boolean {
  if (Array.isArray(now) && Array.isArray(before)) return [...now].sort().join() === [...before].sort().join()
  return now === before
}

/**
 * A record's PATCH body: the version the edit started from, and each of the form's
 * values (`now`) that differs from the record's (`before`, in the same terms).
 */
export function changedValues<T extends Values>(
  version: number,
  now: T,
  before: { [K in keyof T]: unknown },
): Partial<T> & { version: number } {
  const patch: Values = { version }
  for (const key of Object.keys(now)) if (!same(now[key], before[key])) patch[key] = now[key]
  return patch as Partial<T> & { version: number }
}

/** A new record's POST body: the values given (null, '' and empty lists left out). */
export function givenValues<T extends Values>(values: T): Partial<T> {
  const body: Values = {}
  for (const [key, value] of Object.entries(values)) {
    if (value !== null && value !== '' && !(Array.isArray(value) && value.length === 0)) body[key] = value
  }
  return body as Partial<T>
}

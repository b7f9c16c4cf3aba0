import type { FormItemRule } from 'element-plus'
import { isApiError } from '@/api/client'

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

/** A rule: text must be typed, more than spaces; checked when the field is left. */
export function requiredText(message: string): FormItemRule {
  return { required: true, whitespace: true, message, trigger: 'blur' }
}

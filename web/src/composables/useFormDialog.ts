import { computed, provide, reactive, ref, shallowRef, toValue, watch, type InjectionKey, type MaybeRefOrGetter, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { ElMessage, type FormInstance, type FormRules } from 'element-plus'
import { isApiError } from '@/api/client'
import { errorMessage } from '@/composables/useErrorMessage'
import { changedValues, givenValues, splitFieldErrors } from '@/utils/forms'

/** The server's messages by form field, for the FormField components of a form. */
export const FIELD_ERRORS: InjectionKey<Ref<Record<string, string>>> = Symbol('fieldErrors')

/**
 * A form's values, written once as what a record (or, for null, a new one) fills
 * them with: `form` starts as a new record's, and `fill` (useFormDialog's) sets
 * every value again each time the dialog opens.
 */
export function useFormValues<V extends object, R = never>(valuesOf: (record: R | null) => V) {
  const form = reactive(valuesOf(null)) as V
  function fill(record: R | null) {
    Object.assign(form, valuesOf(record))
  }
  return { form, fill }
}

/**
 * The part of a ledger record's dialog (a person, an organization, an enterprise)
 * that is the same for each: the title (新增…, or 编辑…：name from the ledger's
 * `createTitle` and `editTitle`); the save, where a new record is created from
 * the values given and an edit sends the version it started from and only the
 * values that changed (so what the user was shown masked is never sent back);
 * reading the record again after a conflict; the new record's name in the
 * success message. `values` is the form in the server's terms, `valuesOf` a
 * record in the same terms; the server's names in `values` are the form's fields.
 */
export function useLedgerDialog<R extends { id: number; version: number; name: string }, V extends Record<string, unknown>, C>(options: {
  ledger: 'people' | 'organizations' | 'enterprises'
  open: Ref<boolean>
  /** The form's values and how a record fills them (useFormValues). */
  form: Record<string, unknown>
  fill: (record: R | null) => void
  rules: MaybeRefOrGetter<FormRules | undefined>
  aliases?: Readonly<Record<string, string>>
  record: () => R | null
  api: {
    create: (input: C) => Promise<R>
    update: (id: number, patch: Partial<V> & { version: number }) => Promise<R>
    get: (id: number) => Promise<R>
  }
  values: () => V
  valuesOf: (record: R) => { [K in keyof V]: unknown }
  /** The dialog's `saved` event. */
  emit: (event: 'saved', saved: R, created: boolean) => void
}) {
  const { t } = useI18n()
  const { ledger, api, values, valuesOf } = options
  return useFormDialog<R, R>({
    open: options.open,
    form: options.form,
    rules: options.rules,
    aliases: options.aliases,
    fill: options.fill,
    fields: Object.keys(values()),
    record: options.record,
    title: (record: R | null) => (record ? t(`${ledger}.editTitle`, { name: record.name }) : t(`${ledger}.createTitle`)),
    save: (record: R | null): Promise<R> =>
      record
        ? api.update(record.id, changedValues(record.version, values(), valuesOf(record)))
        : // The rules saw to the required values.
          api.create(givenValues(values()) as C),
    reload: (record: R): Promise<R> => api.get(record.id),
    name: (saved: R) => saved.name,
    onSaved: (saved: R, created: boolean) => options.emit('saved', saved, created),
  })
}

export interface FormOptions {
  /** The form's values (a reactive object), checked against `rules`. */
  form?: Record<string, unknown>
  /** Element Plus rules; without them only `check` stands before saving. */
  rules?: MaybeRefOrGetter<FormRules | undefined>
  /** The fields the form shows, by the names the server gives them. */
  fields: readonly string[]
  /** A server field shown under another name (`registered_capital_fen` typed as `capital_wan`). */
  aliases?: Readonly<Record<string, string>>
  /** Error codes about one field that name no field (`username_taken` is the username's). */
  codeFields?: Readonly<Record<string, string>>
  /**
   * When every message stands beside its field, say nothing above the form; by
   * default a line above points to the marked fields.
   */
  quietWhenPlaced?: boolean
  /**
   * Above the form, always the server's own words, even when they also stand
   * beside fields (the login's 用户名或密码错误 names no single culprit).
   */
  serverWords?: boolean
  /** A check beyond the rules (run after them); false stops the save. */
  check?: () => boolean
}

/**
 * The submit sequence of a form: its rules first, then the save; a refusal is
 * shown where it belongs (each field's message beside the field, the rest in
 * the alert above the form), and the save button spins meanwhile.
 */
export function useForm(options: FormOptions) {
  const { t } = useI18n()

  const formRef = ref<FormInstance>()
  const rules = computed(() => toValue(options.rules))
  const fieldErrors = ref<Record<string, string>>({})
  const formError = ref('')
  const saving = ref(false)
  provide(FIELD_ERRORS, fieldErrors)

  /** For the form's `:ref`. */
  function bindForm(instance: unknown) {
    formRef.value = (instance ?? undefined) as FormInstance | undefined
  }

  function clearErrors() {
    fieldErrors.value = {}
    formError.value = ''
  }

  /** Places the messages of a failed save. */
  function showError(error: unknown) {
    const { fields, unplaced } = splitFieldErrors(error, options.fields)
    for (const [from, to] of Object.entries(options.aliases ?? {})) {
      if (fields[from]) fields[to] = fields[from]
    }
    if (isApiError(error)) {
      const field = options.codeFields?.[error.code]
      if (field) fields[field] ||= error.message
    }
    fieldErrors.value = fields
    if (options.serverWords) formError.value = errorMessage(error)
    else if (unplaced.length) formError.value = unplaced.join(' ')
    else if (Object.keys(fields).length) formError.value = options.quietWhenPlaced ? '' : t('registry.formError')
    else formError.value = errorMessage(error)
  }

  async function validate(): Promise<boolean> {
    if (rules.value) {
      const valid = await formRef.value?.validate().catch(() => false)
      if (!valid) return false
    }
    return options.check ? options.check() : true
  }

  /**
   * Checks the form, then runs `save`. A failure that `refused` does not take
   * care of is shown. Answers whether it saved.
   */
  async function attempt(save: () => Promise<void>, refused?: (error: unknown) => Promise<boolean>): Promise<boolean> {
    clearErrors()
    if (!(await validate())) return false
    saving.value = true
    try {
      await save()
      return true
    } catch (error) {
      if (!(await refused?.(error))) showError(error)
      return false
    } finally {
      saving.value = false
    }
  }

  return { formRef, bindForm, form: options.form, rules, fieldErrors, formError, saving, clearErrors, attempt }
}

export interface FormDialogOptions<R, S> extends FormOptions {
  /** The dialog's `v-model:open`. */
  open: Ref<boolean>
  /** The record to edit, read when the dialog opens; none (the default): a new one. */
  record?: () => R | null
  /** The dialog's title, for adding a record (none) or editing this one. */
  title: (record: R | null) => string
  /** Fills the form from the record, or with a new record's defaults. */
  fill: (record: R | null) => void
  /** Sends the form: creates (no record) or changes the record. */
  save: (record: R | null) => Promise<S>
  /** Fetches the record again after someone else changed it (409); the form is refilled. */
  reload?: (record: R) => Promise<R>
  /** A save refused because the data changed meanwhile; by default a 409 while editing. */
  conflict?: {
    test?: (error: unknown, record: R | null) => boolean
    /** The alert's text; by default registry.conflict. */
    message?: () => string
    /** Called after the form says so (e.g. to reload the page behind). */
    then?: () => void
  }
  /**
   * The success message: by default 已保存, or 已添加：{name} for a new record when
   * `name` is given; false for none (the caller says it).
   */
  message?: ((saved: S, created: boolean) => string) | false
  /** A new record's name, for the default success message. */
  name?: (saved: S) => string
  /** Called with the saved record before the dialog closes (the dialog emits `saved`). */
  onSaved?: (saved: S, created: boolean) => void
}

/**
 * A form dialog's machinery, for FormDialog.vue: opening fills the form (from
 * the record to edit, or a new one's defaults); saving checks the rules, sends,
 * says so, hands the saved record over and closes. When someone else changed
 * the record meanwhile (409) it is fetched again, the form refilled and the
 * user told; other refusals appear beside their fields or above the form.
 */
export function useFormDialog<R, S>(options: FormDialogOptions<R, S>) {
  const { t } = useI18n()
  const base = useForm(options)
  const { open } = options
  /** The record being edited; null while adding one. */
  const editing = shallowRef<R | null>(null)
  const isCreate = computed(() => editing.value === null)
  const title = computed(() => options.title(editing.value))

  function fill(record: R | null) {
    editing.value = record
    options.fill(record)
    base.clearErrors()
    base.formRef.value?.clearValidate()
  }

  watch(open, (isOpen) => {
    if (isOpen) fill(options.record?.() ?? null)
  })

  function successMessage(saved: S, created: boolean): string | null {
    if (options.message === false) return null
    if (options.message) return options.message(saved, created)
    return created && options.name ? t('registry.created', { name: options.name(saved) }) : t('registry.saved')
  }

  function isConflict(error: unknown, record: R | null): boolean {
    if (options.conflict?.test) return options.conflict.test(error, record)
    return record !== null && isApiError(error) && error.status === 409
  }

  async function submit() {
    const current = editing.value
    await base.attempt(
      async () => {
        const saved = await options.save(current)
        const created = current === null
        const text = successMessage(saved, created)
        if (text) ElMessage.success(text)
        options.onSaved?.(saved, created)
        open.value = false
      },
      async (error) => {
        if (!isConflict(error, current)) return false
        if (current !== null && options.reload) {
          try {
            fill(await options.reload(current))
          } catch {
            // Keep the form as it is; the message still explains.
          }
        }
        base.formError.value = options.conflict?.message?.() ?? t('registry.conflict')
        options.conflict?.then?.()
        return true
      },
    )
  }

  return { ...base, open, editing, isCreate, title, submit }
}

/** What FormDialog.vue needs of a useFormDialog. */
export type FormDialogState = Pick<
  ReturnType<typeof useFormDialog>,
  'open' | 'title' | 'form' | 'rules' | 'bindForm' | 'formError' | 'saving' | 'submit'
>

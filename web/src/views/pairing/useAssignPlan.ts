import { computed, ref, shallowRef } from 'vue'
import { isApiError, type ApiError } from '@/api/client'
import { applyAssignmentPlan, createAssignmentPlan } from '@/api/assignment'
import type { AssignmentPlan } from '@/api/types'
import { splitFieldErrors } from '@/utils/forms'
import { canApply, planRequest, type PlanForm, type PlanScope } from './assign'

/** The option fields the dialog shows a server's message beside. */
export const PLAN_FIELDS = ['keep_weight', 'load_weight', 'industry_weight', 'min_load', 'max_load', 'capacities', 'exclude'] as const

/**
 * One plan at a time for the automatic-pairing dialog: generate it from the
 * options, apply it. A 409 on apply (the data changed since the plan was made,
 * or it was applied already) is kept apart so the dialog can offer a new plan.
 */
export function useAssignPlan() {
  const plan = shallowRef<AssignmentPlan | null>(null)
  /** The request the shown plan was made from (to tell when the options changed since). */
  const sent = ref('')
  const generating = ref(false)
  const applying = ref(false)
  /** Messages for the option fields, from a 422. */
  const fieldErrors = ref<Record<string, string>>({})
  /** Anything else that failed (shown above the options). */
  const error = shallowRef<unknown>(null)
  /** A 409 from apply. */
  const conflict = shallowRef<ApiError | null>(null)
  let ticket = 0

  function reset() {
    ticket++
    plan.value = null
    sent.value = ''
    fieldErrors.value = {}
    error.value = null
    conflict.value = null
    generating.value = false
    applying.value = false
  }

  async function generate(scope: PlanScope, form: PlanForm): Promise<AssignmentPlan | null> {
    const mine = ++ticket
    const body = planRequest(scope, form)
    generating.value = true
    fieldErrors.value = {}
    error.value = null
    conflict.value = null
    try {
      const made = await createAssignmentPlan(body)
      if (mine !== ticket) return null
      plan.value = made
      sent.value = JSON.stringify(body)
      return made
    } catch (e) {
      if (mine !== ticket) return null
      const { fields, unplaced } = splitFieldErrors(e, PLAN_FIELDS)
      fieldErrors.value = fields
      // Fields the dialog does not show (level, region, date) and other failures go above.
      if (unplaced.length || !Object.keys(fields).length) error.value = e
      return null
    } finally {
      if (mine === ticket) generating.value = false
    }
  }

  /** Applies the shown plan; answers the applied plan, or null when it failed (see `conflict`, `error`). */
  async function apply(): Promise<AssignmentPlan | null> {
    const current = plan.value
    if (!canApply(current) || !current) return null
    const mine = ticket
    applying.value = true
    error.value = null
    conflict.value = null
    try {
      const applied = await applyAssignmentPlan(current.id)
      if (mine !== ticket) return null
      plan.value = applied
      return applied
    } catch (e) {
      if (mine !== ticket) return null
      if (isApiError(e) && e.status === 409) conflict.value = e
      else error.value = e
      return null
    } finally {
      if (mine === ticket) applying.value = false
    }
  }

  /** Whether the options differ from those the shown plan was made with. */
  function changedSince(scope: PlanScope, form: PlanForm): boolean {
    return !!plan.value && JSON.stringify(planRequest(scope, form)) !== sent.value
  }

  const applicable = computed(() => canApply(plan.value) && !conflict.value)

  return { plan, generating, applying, fieldErrors, error, conflict, applicable, generate, apply, reset, changedSince }
}

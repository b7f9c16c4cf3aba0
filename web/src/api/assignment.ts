// Automatic pairing (自动分配): plans proposed by the server's exact solver,
// read back and applied (docs/api.md, "Automatic pairing (自动分配)").
import { http } from './client'
import type { AssignmentPlan, PairingLevel, PlanCapacity } from './types'

/** The body of POST /assignment-plans; what is left out takes the server's default. */
export interface AssignmentPlanCreate {
  level: PairingLevel
  /** A region code. */
  region: string
  /** The day the plan applies from (default today). */
  date?: string
  /** What leaving an existing pair costs (default 100; 0 plans afresh). */
  keep_weight?: number
  /** What each step of distance costs (default 10). */
  distance_weight?: number
  /** How strongly loads are evened (default 10). */
  load_weight?: number
  /**
   * Level 6: what pairing a cadre with an enterprise outside the industry their
   * post serves costs more (0..100000, default 5: below one step of load).
   */
  industry_weight?: number
  min_load?: number
  /** null: no maximum. */
  max_load?: number | null
  /** Per person id. */
  capacities?: Record<string, PlanCapacity>
  /** People left out of the plan (person ids). */
  exclude?: number[]
}

/** Makes and stores a plan (201); an infeasible plan is an answer too, with its diagnosis. */
export function createAssignmentPlan(input: AssignmentPlanCreate): Promise<AssignmentPlan> {
  return http.post<AssignmentPlan>('/assignment-plans', input)
}

export function getAssignmentPlan(id: number): Promise<AssignmentPlan> {
  return http.get<AssignmentPlan>(`/assignment-plans/${id}`)
}

/**
 * Applies an optimal plan from its date: ends, moves and adds pairings. A 409
 * `plan_stale` says the data changed since the plan was made, `plan_applied`
 * that it was applied already.
 */
export function applyAssignmentPlan(id: number): Promise<AssignmentPlan> {
  return http.post<AssignmentPlan>(`/assignment-plans/${id}/apply`)
}

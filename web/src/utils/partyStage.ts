import { PARTY_STAGES, type PartyStage, type PartyStageOrLeft } from '@/api/types'

/**
 * The only step a person may take next along the party pipeline: none recorded
 * (or left) -> applicant, then one stage at a time; a full member has none.
 */
export function nextPartyStage(current: PartyStageOrLeft | null | undefined): PartyStage | null {
  if (!current || current === 'left') return 'applicant'
  const index = PARTY_STAGES.indexOf(current)
  if (index === -1) return null
  return PARTY_STAGES[index + 1] ?? null
}

/** Whether a stage counts as a party member (probationary or full). */
export function isPartyMember(stage: PartyStageOrLeft | null | undefined): boolean {
  return stage === 'probationary' || stage === 'full'
}

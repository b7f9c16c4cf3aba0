import type { NamedRef } from '@/api/types'

/** One choice of a RemoteSelect: the record id, its name and a line that tells it apart. */
export interface RemoteOption {
  id: number
  label: string
  meta?: string
}

/** What every record chooser (PersonSelect, EnterpriseSelect, ...) takes besides its value. */
export interface RecordChooserProps {
  /** The record currently chosen, to label the value before any search. */
  initial?: NamedRef | null
  placeholder?: string
  disabled?: boolean
}

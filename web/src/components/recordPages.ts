/** A list whose rows have pages of their own (RecordListPage's `record`). */
export interface RecordPages {
  /** The route name of a row's page, which takes the row's id. */
  route: string
  /** The name column's heading and least width; a fixed one stays put as the table scrolls. */
  nameLabel: string
  nameWidth: number
  nameFixed?: boolean
}

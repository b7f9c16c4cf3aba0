/** One choice of a RemoteSelect: the record id, its name and a line that tells it apart. */
export interface RemoteOption {
  id: number
  label: string
  meta?: string
}

import type { EventGroup } from '@/api/types'

interface GroupColor {
  text: string
  fill: string
  line: string
}

/** Each group's colour (meetings red, trainings blue, trips green, welfare amber): calendar chips and kind tags. */
export const GROUP_COLORS: Record<EventGroup, GroupColor> = {
  meeting: { text: '#8f1e18', fill: '#f7e9e8', line: '#e8bebc' },
  training: { text: '#1d4f91', fill: '#e8f0fb', line: '#b9cff0' },
  trip: { text: '#2e6b30', fill: '#eaf5ea', line: '#bfe0c0' },
  activity: { text: '#7a4f00', fill: '#fdf3e1', line: '#f2d59b' },
}

const NEUTRAL: GroupColor = { text: '#606266', fill: '#f4f4f5', line: '#dcdfe6' }

/** The CSS variables (`--event-text`, `--event-fill`, `--event-line`) of a group's colour; grey for none. */
export function groupStyle(group: string | null | undefined): Record<string, string> {
  const color = GROUP_COLORS[group as EventGroup] ?? NEUTRAL
  return { '--event-text': color.text, '--event-fill': color.fill, '--event-line': color.line }
}

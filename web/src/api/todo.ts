// 待办: what the signed-in user owes (docs/api.md, "To-do (待办)").
import { http } from './client'
import type { TodoCount, TodoList } from './types'

/** The caller's to-do items on a day (default today), late first, then by due date. */
export function todo(date?: string): Promise<TodoList> {
  return http.get<TodoList>('/todo', { date })
}

/** How many items there are and how many of them are late: cheap enough for the header's bell to poll. */
export function todoCount(): Promise<TodoCount> {
  return http.get<TodoCount>('/todo/count')
}

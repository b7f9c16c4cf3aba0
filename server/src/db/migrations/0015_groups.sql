-- Villager groups (村民小组) are kept by the villages themselves: a group
-- added on a day is judged from that day (null: always, as the official
-- regions); a group retired on a day keeps its code, its history and its
-- past pairings, and is no longer judged from that day.
ALTER TABLE region ADD COLUMN established_on TEXT;
ALTER TABLE region ADD COLUMN retired_on TEXT;

-- An ID-card number typed for a person when it is already on file outside the
-- writer's view. The writer is answered as if the number were unknown (the
-- answer must not tell them a number is on file elsewhere): the person is
-- written with the masked number but without the hash, and the clash waits
-- here for the town office (people.sensitive) to resolve, by correcting the
-- number or deleting the duplicate. A later save that stores the hash clears it.
CREATE TABLE person_id_conflict (
  person_id BIGINT NOT NULL PRIMARY KEY REFERENCES person(id),
  id_card_hash {{text_c}} NOT NULL,
  other_person_id BIGINT NOT NULL REFERENCES person(id),
  created_at TEXT NOT NULL
);
CREATE INDEX person_id_conflict_other ON person_id_conflict(other_person_id);

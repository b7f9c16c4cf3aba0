-- Indexes the province benchmark of requests asked for (BENCHMARKS.md,
-- "Requests and the to-do list"): the ratings a town office is to ask for
-- (resolved, owned by the office, in its town) were read through
-- request_owner, i.e. every office-owned request of the database; the
-- owner's open requests now narrow by place and due date as well.
CREATE INDEX request_resolved ON request(status, owner_person_id, region_path, resolved_on);
DROP INDEX request_owner;
CREATE INDEX request_owner ON request(owner_person_id, is_open, region_path, due_on);

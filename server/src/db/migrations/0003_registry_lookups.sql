-- Lookups the importer makes for every row: a person by name within a region
-- (the natural key when there is no ID card), an organization by kind, name
-- and region, a chamber's open membership of a person, a legal
-- representative's enterprises. Without them each row scanned its table.
CREATE INDEX person_name_region ON person(region_id, name);
CREATE INDEX organization_natural ON organization(region_id, kind, name);
CREATE INDEX membership_chamber_person ON chamber_membership(chamber_id, person_id);
CREATE INDEX enterprise_representative ON enterprise(legal_representative_id);

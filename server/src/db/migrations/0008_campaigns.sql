-- Pairing kinds beyond the four levels: level 5, a full party member mentors
-- a party activist (培养联系人); level 6, a county cadre answers for an
-- enterprise (the county campaign 百名干部联百企). A post may name the sector
-- its department serves (an enterprise industry code), which automatic
-- pairing matches against enterprises.
ALTER TABLE post ADD COLUMN industry TEXT;
CREATE INDEX party_stage_stage ON party_stage(stage, valid_from);

-- Found by the province compliance benchmark: the compliance readers take a
-- region's chamber members by path (every one of a province's 60,000 was
-- scanned for one town), and the overdue follow-ups of a region.
CREATE INDEX membership_path ON chamber_membership(region_path);
CREATE INDEX contact_follow_up ON contact(region_path, follow_up_due) WHERE follow_up_due IS NOT NULL;

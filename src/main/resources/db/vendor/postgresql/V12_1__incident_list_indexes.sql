-- PostgreSQL-only indexes of the incident list (ADR 0014).
-- Newest first with the columns the access rule reads (TLP, creator, assignee): the ids of a page, deep pages and
-- the counts of unfiltered lists come from the index alone (index-only scans).
drop index ix_incident_created;
create index ix_incident_created on incident (created_at, id) include (tlp, created_by_id, assignee_id);
-- The TLP filter, covering the access rule too, so that counting TLP:RED reads the index only.
create index ix_incident_tlp on incident (tlp, created_at, id) include (created_by_id, assignee_id);
-- sort=severity: the list's own order as an expression, identical to IncidentRepository's.
create index ix_incident_severity_rank on incident ((case severity when 'CRITICAL' then 0 when 'HIGH' then 1
    when 'MEDIUM' then 2 else 3 end), created_at desc, id desc);
-- Affected organisations and sectors (the arrays of V12): the constituents' access rule and two filters.
create index ix_incident_organisations on incident using gin (organisation_ids);
create index ix_incident_sectors on incident using gin (sector_ids);

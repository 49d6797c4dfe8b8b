-- PostgreSQL-only indexes of the incident list (ADR 0014).
-- Newest first with the columns the access rule reads (TLP, creator, assignee, affected organisations): the ids
-- of a page, deep pages and the counts of unfiltered lists, a constituent's included, come from the index alone
-- (index-only scans).
drop index ix_incident_created;
create index ix_incident_created on incident (created_at, id)
    include (tlp, created_by_id, assignee_id, organisation_ids);
-- The TLP filter, covering the access rule too, so that counting TLP:RED reads the index only.
create index ix_incident_tlp on incident (tlp, created_at, id) include (created_by_id, assignee_id);
-- sort=severity: the list's own order as an expression, identical to IncidentRepository's.
create index ix_incident_severity_rank on incident ((case severity when 'CRITICAL' then 0 when 'HIGH' then 1
    when 'MEDIUM' then 2 else 3 end), created_at desc, id desc);
-- Affected organisations (the array of V12): the constituents' access rule and the organisation filter. Sectors
-- get none: with a handful of sectors each holds a sixth of all incidents, and reading such a posting list cost
-- more (90 ms for 200,000 incidents) than finding a page's matches among the newest incidents.
create index ix_incident_organisations on incident using gin (organisation_ids);

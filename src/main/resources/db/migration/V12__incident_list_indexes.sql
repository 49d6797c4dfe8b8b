-- The incident list at a million incidents (ADR 0014). A page is read newest first and the scan stops after it,
-- so each filter's index ends with created_at: the filter's rows arrive in the list's order.
drop index ix_incident_type;
create index ix_incident_type on incident (classification_type, created_at);
create index ix_incident_taxonomy on incident (classification_taxonomy, created_at);
create index ix_incident_assignee_created on incident (assignee_id, created_at);
-- severity and state together (the triage view: new critical incidents), one range of the index per pair
create index ix_incident_state_severity on incident (state, severity, created_at);

-- Each incident's affected organisations and their sectors as arrays of ids, copied from incident_organisation
-- (IncidentRepository.replaceOrganisations keeps them in step): the access rule of constituents and the
-- organisation and sector filters read them, and PostgreSQL intersects their GIN indexes (V12_1) with the others.
alter table incident add column organisation_ids bigint array;
alter table incident add column sector_ids bigint array;
update incident set
    organisation_ids = (select array_agg(f.organisation_id order by f.organisation_id)
                        from incident_organisation f where f.incident_id = incident.id),
    sector_ids = (select array_agg(distinct f.sector_id order by f.sector_id)
                  from incident_organisation f where f.incident_id = incident.id and f.sector_id is not null)
where exists (select 1 from incident_organisation f where f.incident_id = incident.id);

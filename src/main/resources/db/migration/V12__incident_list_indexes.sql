-- The incident list at a million incidents (ADR 0014). A page is read newest first and the scan stops after it,
-- so each filter's index ends with created_at: the filter's rows arrive in the list's order.
drop index ix_incident_type;
create index ix_incident_type on incident (classification_type, created_at);
create index ix_incident_taxonomy on incident (classification_taxonomy, created_at);
create index ix_incident_assignee_created on incident (assignee_id, created_at);

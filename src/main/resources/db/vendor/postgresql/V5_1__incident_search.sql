-- PostgreSQL full-text search over incidents: a stored tsvector with a GIN index ('simple' configuration,
-- so that names, hosts and words of any language match as typed).
alter table incident add column search tsvector generated always as (
    to_tsvector('simple', coalesce(title, '') || ' ' || coalesce(description, '') || ' ' || coalesce(tags, ''))
) stored;
create index ix_incident_search on incident using gin (search);

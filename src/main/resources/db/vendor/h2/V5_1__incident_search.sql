-- H2 (the embedded default) has no tsvector: incident search there is a case-insensitive substring match on
-- title, description and tags, good enough for a small installation. This migration keeps versions aligned.
create index ix_incident_title on incident (title);

-- H2 side of the PostgreSQL-only list indexes (ADR 0014): H2 has no INCLUDE columns or expression indexes, and an
-- embedded installation has far fewer incidents; the TLP filter gets its plain index.
create index ix_incident_tlp on incident (tlp, created_at);

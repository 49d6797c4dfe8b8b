-- Event store load cost (docs/benchmarks.md, "Event store: file to PostgreSQL, end to end", run of 2026-11-25
-- evening): every index on event is paid for on each of the 100,000+ rows a second the pipeline stores. These two
-- single-column indexes on low-cardinality columns (a few dozen classification types, a few feeds) do not earn it:
-- the event queries (EventService) always order by time and are scoped by organisation for constituents, which
-- ix_event_organisation_time serves, and a filter on type or feed alone selects a large share of the table, where a
-- scan beats a bitmap over a low-cardinality index. Kept: the primary key (API and export order by id), the unique
-- key (raw_input_id, line_no) that makes a resumed input never store a line twice, and (organisation_id, time_source).
drop index ix_event_type;
drop index ix_event_feed;

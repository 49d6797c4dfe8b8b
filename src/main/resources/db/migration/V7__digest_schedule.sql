-- Digests from stored events (docs/decisions/0009-watched-folder-and-digest-schedule.md).
-- A digest period holds the events of the inputs whose processing finished in it, so that a report that arrives
-- late is still told once, in the period it was stored; the pipeline finds those inputs by finished_at.
create index ix_raw_input_finished on raw_input (finished_at);

-- How each organisation wants its digests: every hour or every day, as CSV or CSV plus X-ARF. Organisations
-- without a row get the configured default. A change of interval takes effect at the next day boundary
-- (effective_from); until then previous_interval applies, so that no period is told twice or skipped.
create table digest_setting (
    organisation_id   bigint      primary key,
    digest_interval   varchar(10) not null,
    format            varchar(10) not null,
    previous_interval varchar(10) not null,
    effective_from    timestamp with time zone not null,
    updated_at        timestamp with time zone not null
);

-- How far the digests of each interval have been made: every period that ends at or before done_until is done.
create table digest_progress (
    digest_interval varchar(10) primary key,
    done_until      timestamp with time zone not null
);

-- Event store load cost, second step (ADR 0010, docs/benchmarks.md "Event store: file to PostgreSQL, end to end"):
-- PostgreSQL's CPU per stored event is what limits the end-to-end rate, and each row paid for a sequence value, a
-- primary key nobody searches by, and a ~1 KB JSON copy of what the typed columns already hold.
--
-- 1. The key of an event is where it came from: (raw_input_id, line_no), which was already unique and is what resume
--    and replay rely on. It becomes the primary key; the surrogate id, its sequence and its index go. The API gives
--    an event the id raw_input_id * 2^32 + line_no, stable across resumes and replays.
-- 2. data holds only the IntelMQ JSON members that no typed column gives back exactly (EventColumns); rows written
--    before this migration keep their whole line, which is read back unchanged.
-- 3. raw_in_input: raw is the input line at line_no of the stored input file and is read back from there, not kept.
alter table event drop constraint uq_event_input_line;
alter table event drop column id;
alter table event add constraint pk_event primary key (raw_input_id, line_no);
alter table event add column raw_in_input boolean default false not null;

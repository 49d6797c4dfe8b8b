/**
 * The event pipeline: machine events from feeds (Shadowserver reports, abuse.ch lists, Spamhaus DROP, any CSV or
 * IntelMQ JSON lines) are parsed line by line, harmonised into {@link org.opencirt.pipeline.Event}s with IntelMQ's
 * field names and RSIT classifications, and enriched with the constituency organisation that owns the source, so
 * that each organisation can be told about its own systems. Inputs arrive by upload, HTTP(S) pull on a schedule or
 * as attachments of the intake mailbox; processing rules (filters, routing, severity, de-duplication with counted
 * repeats) run between enrichment and store (docs/decisions/0008-feed-sources-and-rules.md). Stages pass batches of
 * events through one small interface (see docs/decisions/0005-pipeline-stages.md); lines that fail are quarantined
 * with their reason, never dropped.
 */
package org.opencirt.pipeline;

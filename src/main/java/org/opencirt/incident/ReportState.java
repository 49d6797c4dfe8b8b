package org.opencirt.incident;

/** Where a report stands in triage. */
public enum ReportState {
    /** Waiting in the reports queue. */
    NEW,
    /** Turned into a new incident. */
    ACCEPTED,
    /** Added to an existing incident. */
    ATTACHED,
    /** Rejected with a reason (spam, out of constituency...). */
    REJECTED
}

package org.opencirt.pipeline.internal.api;

/** Who may do what with feeds, inputs and events, as {@code @PreAuthorize} expressions. */
final class PipelinePermissions {

    /** Staff: read feeds, inputs and the quarantine. */
    static final String STAFF = "hasAnyRole('ADMIN','COORDINATOR','ANALYST','AUDITOR')";
    /** Configure feeds. */
    static final String CONFIGURE = "hasAnyRole('ADMIN','COORDINATOR')";
    /** Upload inputs and replay quarantined lines. */
    static final String OPERATE = "hasAnyRole('ADMIN','COORDINATOR','ANALYST')";
    /** Read events: staff, and a CONSTITUENT its own organisation's (enforced by EventService). */
    static final String READ_EVENTS = "hasAnyRole('ADMIN','COORDINATOR','ANALYST','AUDITOR','CONSTITUENT')";

    private PipelinePermissions() {
    }
}

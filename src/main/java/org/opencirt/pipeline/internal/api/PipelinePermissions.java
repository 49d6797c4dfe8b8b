package org.opencirt.pipeline.internal.api;

/** Who may do what with feeds, inputs and events, as {@code @PreAuthorize} expressions. */
public final class PipelinePermissions {

    /** Staff: read feeds, inputs and the quarantine. */
    public static final String STAFF = "hasAnyRole('ADMIN','COORDINATOR','ANALYST','AUDITOR')";
    /** Configure feeds. */
    public static final String CONFIGURE = "hasAnyRole('ADMIN','COORDINATOR')";
    /** Upload inputs and replay quarantined lines. */
    public static final String OPERATE = "hasAnyRole('ADMIN','COORDINATOR','ANALYST')";
    /** Read events: staff, and a CONSTITUENT its own organisation's (enforced by EventService). */
    public static final String READ_EVENTS = "hasAnyRole('ADMIN','COORDINATOR','ANALYST','AUDITOR','CONSTITUENT')";

    private PipelinePermissions() {
    }
}

package org.opencirt.incident.internal;

/** Who may do what with reports and incidents, as {@code @PreAuthorize} expressions for API and UI alike. */
public final class IncidentPermissions {

    /** Read incidents (a CONSTITUENT only its organisation's, within TLP: the service filters). */
    public static final String READ = "hasAnyRole('ADMIN','COORDINATOR','ANALYST','AUDITOR','CONSTITUENT')";
    /** The staff pages (reports queue, incident list and page), service levels, staff-only correspondence details:
     * every staff role, auditors read only. */
    public static final String STAFF = "hasAnyRole('ADMIN','COORDINATOR','ANALYST','AUDITOR')";
    /** Triage and change incidents. */
    public static final String WORK = "hasAnyRole('ADMIN','COORDINATOR','ANALYST')";
    /** Comment on an incident (constituents answer questions in their incidents). */
    public static final String COMMENT = "hasAnyRole('ADMIN','COORDINATOR','ANALYST','CONSTITUENT')";
    /** Submit a report as a logged-in user or a machine. */
    public static final String REPORT = "hasAnyRole('ADMIN','COORDINATOR','ANALYST','CONSTITUENT','PARTNER')";

    /** Change the SLA calendar (holidays). */
    public static final String ADMIN = "hasRole('ADMIN')";

    private IncidentPermissions() {
    }
}

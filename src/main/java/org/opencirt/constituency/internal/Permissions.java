package org.opencirt.constituency.internal;

/** Who may do what with the constituency, as {@code @PreAuthorize} expressions used by API and UI alike. */
public final class Permissions {

    /** Read organisations, contacts, assets (CONSTITUENT limited to its own by the services). */
    public static final String READ = "hasAnyRole('ADMIN','COORDINATOR','ANALYST','AUDITOR','CONSTITUENT')";
    /** Read the team directory: every authenticated user, partners included. */
    public static final String READ_TEAMS = "isAuthenticated()";
    /** Staff only: the whole constituency, sectors and the responsibility lookup. */
    public static final String STAFF = "hasAnyRole('ADMIN','COORDINATOR','ANALYST','AUDITOR')";
    /** Change the constituency. */
    public static final String WRITE = "hasAnyRole('ADMIN','COORDINATOR')";

    private Permissions() {
    }
}

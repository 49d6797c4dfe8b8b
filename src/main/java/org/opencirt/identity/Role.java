package org.opencirt.identity;

/**
 * What a user may do. Staff roles see the whole constituency; CONSTITUENT sees only its own
 * organisation; PARTNER is the machine access of a partner CIRT.
 */
public enum Role {
    /** Runs the installation: users, configuration, everything. */
    ADMIN,
    /** National CIRT duty officer: maintains the constituency and coordinates incidents. */
    COORDINATOR,
    /** Handles incidents and events; reads the constituency. */
    ANALYST,
    /** Reads everything, including the audit log; changes nothing. */
    AUDITOR,
    /** Member of one organisation: reports incidents and sees only its organisation's data. */
    CONSTITUENT,
    /** Machine access of a partner CIRT. */
    PARTNER;

    public String authority() {
        return "ROLE_" + name();
    }
}

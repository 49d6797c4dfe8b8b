package org.opencirt.incident;

/** How a report arrived. */
public enum ReportChannel {
    /** The public web form, no login. */
    FORM,
    /** A logged-in constituent in the portal. */
    PORTAL,
    /** A machine over the REST API. */
    API,
    /** A mail read from the intake mailbox. */
    EMAIL,
    /** An IODEF (RFC 7970) document. */
    IODEF
}

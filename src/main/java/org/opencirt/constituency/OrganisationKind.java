package org.opencirt.constituency;

/** What kind of body an organisation is; sectors say what it does, the kind says what it is. */
public enum OrganisationKind {
    GOVERNMENT, ESSENTIAL_SERVICES, ISP, INDUSTRY, ACADEMIA, OTHER
}

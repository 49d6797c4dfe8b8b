package org.opencirt.constituency;

/** A named person, or a role mailbox (abuse@, cert@) that survives staff changes. */
public enum ContactKind {
    PERSON, ROLE
}

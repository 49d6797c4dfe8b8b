package org.opencirt.constituency;

/** The kinds of CIRT a national CIRT deals with. */
public enum TeamKind {
    NATIONAL_CIRT, SECTORAL_CIRT, ORGANISATIONAL_CSIRT, FOREIGN_PEER
}

package org.opencirt.incident;

/**
 * Permissible Actions Protocol: what a recipient may do with the incident's indicators (RED: nothing active,
 * AMBER: passive look-ups, GREEN: active actions on own systems, CLEAR: anything), next to TLP, which says who may
 * see it.
 */
public enum Pap {
    CLEAR, GREEN, AMBER, RED
}

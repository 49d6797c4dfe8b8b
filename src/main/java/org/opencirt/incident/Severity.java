package org.opencirt.incident;

/** How bad an incident is; SLA targets and escalation follow it. */
public enum Severity {
    LOW, MEDIUM, HIGH, CRITICAL
}

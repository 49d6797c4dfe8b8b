package org.opencirt.notification;

/**
 * What a digest carries: always a CSV of the events (IntelMQ field names as columns, for people and spreadsheets);
 * with XARF also one X-ARF report (JSON schema version 2) per event, for organisations that process abuse reports
 * by machine.
 */
public enum DigestFormat {
    CSV,
    XARF
}

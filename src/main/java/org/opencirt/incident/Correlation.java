package org.opencirt.incident;

/** Another incident that shares an observable with this one. */
public record Correlation(long incidentId, String title, IncidentState state, ObservableType type, String value) {
}

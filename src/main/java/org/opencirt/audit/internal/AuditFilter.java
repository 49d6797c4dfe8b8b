package org.opencirt.audit.internal;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import org.opencirt.audit.AuditChannel;
import org.opencirt.audit.AuditQuery;
import org.opencirt.common.Validation;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The audit filters as a client sends them (plain strings), turned into an {@link AuditQuery} with the same
 * rules for the API and the page, so that a bad channel or date is reported instead of silently matching nothing.
 */
public record AuditFilter(String actor, String action, String entityType, String entityId, String channel, String from,
        String to) {

    /** Parses the filter; throws {@link org.opencirt.common.InvalidInputException} listing every bad field. */
    public AuditQuery toQuery() {
        Validation validation = new Validation();
        String normalisedChannel = blankToNull(channel) == null ? null : channel.trim().toUpperCase(Locale.ROOT);
        if (normalisedChannel != null) {
            validation.require(isChannel(normalisedChannel), "channel",
                    "must be one of " + List.of(AuditChannel.values()));
        }
        Instant fromInstant = parseInstant(from, "from", validation);
        Instant toInstant = parseInstant(to, "to", validation);
        validation.require(fromInstant == null || toInstant == null || fromInstant.isBefore(toInstant), "to",
                "must be after 'from'");
        validation.throwIfInvalid();
        return new AuditQuery(blankToNull(actor), blankToNull(action), blankToNull(entityType), blankToNull(entityId),
                normalisedChannel, fromInstant, toInstant);
    }

    /** The filter as a query string (non-blank values only) followed by the given page and size. */
    String queryStringForPage(int page, int size) {
        UriComponentsBuilder uri = UriComponentsBuilder.newInstance();
        addParam(uri, "actor", actor);
        addParam(uri, "action", action);
        addParam(uri, "entityType", entityType);
        addParam(uri, "entityId", entityId);
        addParam(uri, "channel", channel);
        addParam(uri, "from", from);
        addParam(uri, "to", to);
        return uri.queryParam("page", page).queryParam("size", size).encode().build().getQuery();
    }

    private static void addParam(UriComponentsBuilder uri, String name, String value) {
        if (value != null && !value.isBlank()) {
            uri.queryParam(name, value.trim());
        }
    }

    private static boolean isChannel(String value) {
        for (AuditChannel candidate : AuditChannel.values()) {
            if (candidate.name().equals(value)) {
                return true;
            }
        }
        return false;
    }

    /** Accepts an ISO instant ({@code 2026-01-31T10:00:00Z}) or, as browsers send it, a local date-time read as UTC. */
    private static Instant parseInstant(String value, String field, Validation validation) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException notAnInstant) {
            try {
                return LocalDateTime.parse(value.trim()).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notADateTime) {
                validation.add(field, "must be an ISO-8601 instant such as 2026-01-31T10:00:00Z");
                return null;
            }
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}

package org.opencirt.incident.internal.web;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.opencirt.audit.AuditEntry;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One audit entry of the incident's history, with what it changed field by field (read from the before and after
 * states the audit log keeps), so that the history says “severity: MEDIUM → HIGH” rather than only “UPDATE”.
 */
record HistoryEntry(AuditEntry entry, List<Change> changes) {

    /** Fields that change with every write and say nothing about what was done. */
    private static final Set<String> NOISE = Set.of("updatedAt");
    private static final int LONGEST_VALUE = 120;

    /** One field's value before and after; null when it had none. */
    record Change(String field, String before, String after) {
    }

    static HistoryEntry of(AuditEntry entry, JsonMapper json) {
        JsonNode before = read(entry.before(), json);
        JsonNode after = read(entry.after(), json);
        List<Change> changes = new ArrayList<>();
        if (before != null && after != null && before.isObject() && after.isObject()) {
            Set<String> fields = new LinkedHashSet<>(before.propertyNames());
            fields.addAll(after.propertyNames());
            for (String field : fields) {
                JsonNode old = before.path(field);
                JsonNode now = after.path(field);
                if (!NOISE.contains(field) && !old.equals(now)) {
                    changes.add(new Change(field, text(old), text(now)));
                }
            }
        }
        return new HistoryEntry(entry, changes);
    }

    private static JsonNode read(String state, JsonMapper json) {
        if (state == null) {
            return null;
        }
        try {
            return json.readTree(state);
        } catch (JacksonException notJson) {
            return null;
        }
    }

    private static String text(JsonNode value) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            return null;
        }
        String text = value.isValueNode() ? value.asString() : value.toString();
        return text.length() > LONGEST_VALUE ? text.substring(0, LONGEST_VALUE) + "…" : text;
    }
}

package org.opencirt.incident.internal.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.opencirt.common.InvalidInputException;
import org.opencirt.incident.IncidentLink;
import org.opencirt.incident.IncidentNote;
import org.opencirt.incident.IncidentState;
import org.opencirt.incident.IncidentTask;
import org.opencirt.incident.Observable;
import org.opencirt.incident.ObservableType;

/**
 * What the small forms of the incident page send (observables, tasks, notes, links, state, hand-off, merge), each
 * turned into the service's input. Times are typed in UTC, as every time on the pages is shown.
 */
final class Forms {

    private Forms() {
    }

    record ObservableForm(ObservableType type, String value, Boolean ioc, String description) {
        static final ObservableForm BLANK = new ObservableForm(ObservableType.IPV4, "", false, "");

        Observable.Input input() {
            return new Observable.Input(type, value, Boolean.TRUE.equals(ioc), description, null, null);
        }
    }

    record TaskForm(String title, String description, Long assigneeId, String dueAt, IncidentTask.Status status) {
        static final TaskForm BLANK = new TaskForm("", "", null, "", null);

        IncidentTask.Input input() {
            return new IncidentTask.Input(title, description, assigneeId, utc(dueAt, "dueAt"), status);
        }
    }

    /** A comment or timeline entry; {@code shared} makes a comment visible to the constituent. */
    record NoteForm(String body, String occurredAt, Boolean shared) {
        static final NoteForm BLANK = new NoteForm("", "", false);

        IncidentNote.Input input() {
            return new IncidentNote.Input(body, utc(occurredAt, "occurredAt"), !Boolean.TRUE.equals(shared));
        }
    }

    record LinkForm(Long toId, IncidentLink.Kind kind) {
        static final LinkForm BLANK = new LinkForm(null, IncidentLink.Kind.RELATED);

        IncidentLink.Input input() {
            if (toId == null) {
                throw new InvalidInputException("toId", "name the incident to link");
            }
            return new IncidentLink.Input(toId, kind);
        }
    }

    record StateForm(IncidentState state, String reason) {
    }

    record HandOffForm(Long teamId, String reason) {
        static final HandOffForm BLANK = new HandOffForm(null, "");

        long team() {
            if (teamId == null) {
                throw new InvalidInputException("teamId", "name the team to hand the incident to");
            }
            return teamId;
        }
    }

    record MergeForm(Long intoId) {
        long target() {
            if (intoId == null) {
                throw new InvalidInputException("intoId", "name the incident to merge into");
            }
            return intoId;
        }
    }

    /** A time typed as {@code 2026-05-01T14:30} (a date alone means its start), read as UTC; blank is none. */
    static Instant utc(String text, String field) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String value = text.strip();
        try {
            return value.length() <= 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : LocalDateTime.parse(value.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "'" + value + "' is not a time such as 2026-05-01T14:30 (UTC)");
        }
    }
}

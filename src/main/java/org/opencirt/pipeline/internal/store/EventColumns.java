package org.opencirt.pipeline.internal.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;

import org.opencirt.pipeline.Event;
import org.opencirt.pipeline.EventField;
import org.opencirt.pipeline.IntelMqJson;

/**
 * How an event is split over the event table and put back together (ADR 0010). The typed columns hold the fields
 * that events are searched by; {@code data} holds, as a JSON object, only the members the columns cannot give back
 * exactly; {@code raw} is not stored when it is the event's input line ({@code raw_in_input}), which the stored input
 * file gives back. Reading puts the members together again in key order, so the IntelMQ JSON line of a stored event
 * is the line {@link IntelMqJson#toJsonLine} wrote for it, byte for byte. Rows written before V8 hold the whole line
 * in {@code data}; it wins over the columns and comes out unchanged.
 */
public final class EventColumns {

    /** The fields with a typed column of their own, in the column order of {@link #WRITE_COLUMNS} after feed_id. */
    static final EventField[] TYPED = {EventField.TIME_SOURCE, EventField.TIME_OBSERVATION,
            EventField.CLASSIFICATION_TAXONOMY, EventField.CLASSIFICATION_TYPE, EventField.CLASSIFICATION_IDENTIFIER,
            EventField.SOURCE_IP, EventField.SOURCE_PORT, EventField.SOURCE_ASN, EventField.SOURCE_FQDN,
            EventField.SOURCE_URL, EventField.SOURCE_GEOLOCATION_CC, EventField.DESTINATION_IP,
            EventField.DESTINATION_PORT, EventField.PROTOCOL_TRANSPORT, EventField.PROTOCOL_APPLICATION,
            EventField.MALWARE_NAME};
    private static final String[] TYPED_COLUMNS = {"time_source", "time_observation", "classification_taxonomy",
            "classification_type", "classification_identifier", "source_ip", "source_port", "source_asn",
            "source_fqdn", "source_url", "source_cc", "destination_ip", "destination_port", "protocol_transport",
            "protocol_application", "malware_name"};

    /** The columns the store writes, in order. */
    static final String WRITE_COLUMNS = "raw_input_id, line_no, feed_id, " + String.join(", ", TYPED_COLUMNS)
            + ", organisation_id, tlp, data, raw_in_input";
    static final int WRITE_COUNT = 3 + TYPED.length + 4;

    /** The columns {@link #appendJsonLine(StringBuilder, ResultSet, String)} reads, qualified with {@code e.}. */
    public static final String READ_COLUMNS = "e." + String.join(", e.", TYPED_COLUMNS)
            + ", e.organisation_id, e.tlp, e.data, e.raw_in_input";

    /** 2000-01-01T00:00:00Z, PostgreSQL's epoch, in seconds since 1970. */
    static final long POSTGRES_EPOCH_SECONDS = 946_684_800L;
    private static final int FIELD_COUNT = EventField.values().length;

    private EventColumns() {
    }

    /**
     * The members to leave out of {@code data} ({@link IntelMqJson#appendJsonLine(StringBuilder, Event, long)}): the
     * typed fields whose column gives their canonical text back exactly, {@code raw} when it is the input line, and
     * the owner's id (organisation_id).
     *
     * @param micros scratch: receives the time fields as microseconds since PostgreSQL's epoch, indexed like
     *               {@link #TYPED} (0 and 1)
     */
    static long omitted(Event event, long[] micros) {
        long omit = IntelMqJson.omit(EventField.TLP);
        for (int i = 0; i < TYPED.length; i++) {
            EventField field = TYPED[i];
            String value = event.get(field);
            if (value == null) {
                continue;
            }
            boolean exact = switch (field) {
                case TIME_SOURCE, TIME_OBSERVATION -> {
                    micros[i] = CopyRows.timestampMicros(value);
                    yield value.equals(canonicalTime(micros[i]));
                }
                case SOURCE_PORT, DESTINATION_PORT, SOURCE_ASN -> canonicalDecimal(value);
                default -> true;
            };
            if (exact) {
                omit |= IntelMqJson.omit(field);
            }
        }
        if (event.rawIsInputLine()) {
            omit |= IntelMqJson.omit(EventField.RAW);
        }
        if (event.sourceOrganisationId() != Event.NO_OWNER) {
            omit |= IntelMqJson.OMIT_OWNER_ID;
        }
        return omit;
    }

    /** Digits only, no leading zero (but 0 itself), at most 10 of them: what Long.toString gives back. */
    private static boolean canonicalDecimal(String value) {
        int length = value.length();
        if (length == 0 || length > 10 || length > 1 && value.charAt(0) == '0') {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * The canonical UTC text of an instant given as microseconds since 2000-01-01 UTC, as IntelMQ writes times:
     * {@code 2026-11-24T10:00:00+00:00}, with six digits of fraction when there is one; null outside years 0 to 9999.
     */
    static String canonicalTime(long postgresMicros) {
        long epochMicros = postgresMicros + POSTGRES_EPOCH_SECONDS * 1_000_000L;
        long seconds = Math.floorDiv(epochMicros, 1_000_000L);
        int fraction = (int) Math.floorMod(epochMicros, 1_000_000L);
        long days = Math.floorDiv(seconds, 86_400L);
        int secondOfDay = (int) Math.floorMod(seconds, 86_400L);
        // H. Hinnant's civil_from_days
        long z = days + 719_468L;
        long era = Math.floorDiv(z, 146_097L);
        long doe = z - era * 146_097L;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        int day = (int) (doy - (153 * mp + 2) / 5 + 1);
        int month = (int) (mp < 10 ? mp + 3 : mp - 9);
        long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
        if (year < 0 || year > 9999) {
            return null;
        }
        char[] text = new char[fraction == 0 ? 25 : 32];
        put(text, 0, (int) year, 4);
        text[4] = '-';
        put(text, 5, month, 2);
        text[7] = '-';
        put(text, 8, day, 2);
        text[10] = 'T';
        put(text, 11, secondOfDay / 3600, 2);
        text[13] = ':';
        put(text, 14, secondOfDay / 60 % 60, 2);
        text[16] = ':';
        put(text, 17, secondOfDay % 60, 2);
        int at = 19;
        if (fraction != 0) {
            text[at++] = '.';
            put(text, at, fraction, 6);
            at += 6;
        }
        "+00:00".getChars(0, 6, text, at);
        return new String(text);
    }

    private static void put(char[] text, int at, int value, int digits) {
        int rest = value;
        for (int i = at + digits - 1; i >= at; i--) {
            text[i] = (char) ('0' + rest % 10);
            rest /= 10;
        }
    }

    /** Microseconds since PostgreSQL's epoch of a time read from the database. */
    static long postgresMicros(OffsetDateTime time) {
        return (time.toEpochSecond() - POSTGRES_EPOCH_SECONDS) * 1_000_000L + time.getNano() / 1_000;
    }

    /**
     * Appends the IntelMQ JSON line of the event in the current row, which has the {@link #READ_COLUMNS}.
     *
     * @param raw the event's input line when {@code raw_in_input} (null when it cannot be read: then the line has no
     *            {@code raw})
     */
    public static void appendJsonLine(StringBuilder line, ResultSet rs, String raw) throws SQLException {
        String[] values = new String[FIELD_COUNT];
        for (int i = 0; i < TYPED.length; i++) {
            EventField field = TYPED[i];
            String column = TYPED_COLUMNS[i];
            values[field.ordinal()] = switch (field) {
                case TIME_SOURCE, TIME_OBSERVATION -> {
                    OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
                    yield time == null ? null : canonicalTime(postgresMicros(time));
                }
                case SOURCE_PORT, DESTINATION_PORT, SOURCE_ASN -> {
                    long number = rs.getLong(column);
                    yield rs.wasNull() ? null : Long.toString(number);
                }
                default -> rs.getString(column);
            };
        }
        values[EventField.TLP.ordinal()] = rs.getString("tlp");
        if (rs.getBoolean("raw_in_input")) {
            values[EventField.RAW.ordinal()] = raw;
        }
        long owner = rs.getLong("organisation_id");
        if (rs.wasNull()) {
            owner = Event.NO_OWNER;
        }
        IntelMqJson.appendMerged(line, rs.getString("data"), values, owner);
    }
}

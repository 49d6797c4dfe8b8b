package org.opencirt.pipeline.internal.store;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Arrays;

/**
 * Rows in PostgreSQL's binary COPY format, written into one reusable byte buffer: per row a 16-bit field count,
 * per field a 32-bit length (-1 for NULL) and the value in the type's binary form (big-endian integers, timestamps
 * as microseconds since 2000-01-01 UTC, text as UTF-8). The server then parses no text: no escapes, no number or
 * date parsing per field.
 */
final class CopyRows {

    static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0, 0, 0, 0, 0, 0, 0,
            0, 0};
    static final byte[] TRAILER = {(byte) 0xFF, (byte) 0xFF};
    private static final long POSTGRES_EPOCH_SECONDS = EventColumns.POSTGRES_EPOCH_SECONDS;

    private byte[] bytes;
    private int size;

    CopyRows(int capacity) {
        bytes = new byte[capacity];
    }

    byte[] bytes() {
        return bytes;
    }

    int size() {
        return size;
    }

    void clear() {
        size = 0;
    }

    void int16(int value) {
        ensure(2);
        bytes[size++] = (byte) (value >>> 8);
        bytes[size++] = (byte) value;
    }

    void nullField() {
        int32(-1);
    }

    void booleanField(boolean value) {
        int32(1);
        ensure(1);
        bytes[size++] = (byte) (value ? 1 : 0);
    }

    void int32Field(int value) {
        int32(4);
        int32(value);
    }

    void int64Field(long value) {
        int32(8);
        int32((int) (value >>> 32));
        int32((int) value);
    }

    /** A text value as UTF-8; ASCII is copied char by char, anything else through the JDK encoder. */
    void textField(CharSequence text) {
        int length = text.length();
        ensure(4 + length);
        int lengthAt = size;
        size += 4;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                size = lengthAt + 4;
                byte[] utf8 = text.toString().getBytes(StandardCharsets.UTF_8);
                ensure(utf8.length);
                System.arraycopy(utf8, 0, bytes, size, utf8.length);
                size += utf8.length;
                break;
            }
            bytes[size++] = (byte) c;
        }
        int written = size - lengthAt - 4;
        bytes[lengthAt] = (byte) (written >>> 24);
        bytes[lengthAt + 1] = (byte) (written >>> 16);
        bytes[lengthAt + 2] = (byte) (written >>> 8);
        bytes[lengthAt + 3] = (byte) written;
    }

    private void int32(int value) {
        ensure(4);
        bytes[size++] = (byte) (value >>> 24);
        bytes[size++] = (byte) (value >>> 16);
        bytes[size++] = (byte) (value >>> 8);
        bytes[size++] = (byte) value;
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }

    /**
     * A canonical event time ({@code 2026-11-24T10:00:00+00:00}, optionally with a fraction) as PostgreSQL's
     * timestamptz: microseconds since 2000-01-01 UTC. The canonical UTC form is read directly, anything else through
     * {@link OffsetDateTime}.
     */
    static long timestampMicros(String value) {
        if (value.length() == 25 && value.endsWith("+00:00") && value.charAt(4) == '-' && value.charAt(7) == '-'
                && value.charAt(10) == 'T' && value.charAt(13) == ':' && value.charAt(16) == ':') {
            int year = digits(value, 0, 4);
            int month = digits(value, 5, 2);
            int day = digits(value, 8, 2);
            int hour = digits(value, 11, 2);
            int minute = digits(value, 14, 2);
            int second = digits(value, 17, 2);
            if (year >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour >= 0 && hour < 24
                    && minute >= 0 && minute < 60 && second >= 0 && second < 60) {
                long epochSeconds = daysFromCivil(year, month, day) * 86_400L + hour * 3600L + minute * 60L + second;
                return (epochSeconds - POSTGRES_EPOCH_SECONDS) * 1_000_000L;
            }
        }
        OffsetDateTime time = OffsetDateTime.parse(value);
        long epochSeconds = time.toEpochSecond();
        return (epochSeconds - POSTGRES_EPOCH_SECONDS) * 1_000_000L + time.getNano() / 1_000;
    }

    /** The decimal number in {@code count} characters from {@code from}, or -1 when one is not a digit. */
    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            int digit = text.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
    private static long daysFromCivil(int year, int month, int day) {
        int y = month <= 2 ? year - 1 : year;
        int era = Math.floorDiv(y, 400);
        int yoe = y - era * 400;
        int doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097L + doe - 719_468L;
    }
}

package org.opencirt.common;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Small helpers for hand-written SQL that runs unchanged on H2 and PostgreSQL: UTC timestamps,
 * nullable numbers, and a WHERE clause built from optional filters with bound parameters only.
 */
public final class SqlSupport {

    private SqlSupport() {
    }

    public static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    public static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    /** Joins a list for a comma-separated column; null when empty. */
    public static String joinList(List<String> values) {
        if (values == null) {
            return null;
        }
        List<String> cleaned = values.stream().filter(v -> v != null && !v.isBlank()).map(String::trim).toList();
        return cleaned.isEmpty() ? null : String.join(",", cleaned);
    }

    public static List<String> splitList(String column) {
        if (column == null || column.isBlank()) {
            return List.of();
        }
        return List.of(column.split("\\s*,\\s*"));
    }

    /** A WHERE clause assembled from optional filters; values are always bound, never concatenated. */
    public static final class Where {
        private final StringBuilder sql = new StringBuilder(" where 1 = 1");
        private final List<Object> params = new ArrayList<>();

        public Where equal(String column, Object value) {
            if (value != null && !(value instanceof String text && text.isBlank())) {
                sql.append(" and ").append(column).append(" = ?");
                params.add(value);
            }
            return this;
        }

        /** Case-insensitive substring match on any of the columns. */
        public Where contains(String text, String... columns) {
            if (text != null && !text.isBlank()) {
                String pattern = "%" + text.trim().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
                        .replace("_", "\\_") + "%";
                sql.append(" and (");
                for (int i = 0; i < columns.length; i++) {
                    sql.append(i == 0 ? "" : " or ").append("lower(").append(columns[i]).append(") like ? escape '\\'");
                    params.add(pattern);
                }
                sql.append(")");
            }
            return this;
        }

        public Where raw(String condition, Object... values) {
            sql.append(" and ").append(condition);
            params.addAll(List.of(values));
            return this;
        }

        public String sql() {
            return sql.toString();
        }

        public List<Object> params() {
            return List.copyOf(params);
        }

        public List<Object> paramsWithPage(PageRequest page) {
            List<Object> all = new ArrayList<>(params);
            all.add(page.size());
            all.add(page.offset());
            return all;
        }
    }
}

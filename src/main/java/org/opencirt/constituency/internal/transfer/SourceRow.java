package org.opencirt.constituency.internal.transfer;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.opencirt.common.FieldProblem;
import org.opencirt.common.Validation;

/**
 * One data row of an import file, whatever its format: cells by column name (text, or a list for JSON arrays), with
 * typed readers that record a problem instead of failing, so that every problem of a row is reported at once.
 *
 * @param number 1-based data row
 * @param line   the line where the row starts in a CSV file, null for JSON
 * @param cells  text or {@code List<String>} values by column name; absent or blank means not given
 * @param problems what was wrong with the row's shape (wrong number of cells, a nested value where text belongs)
 */
public record SourceRow(int number, Integer line, Map<String, Object> cells, List<FieldProblem> problems) {

    public SourceRow {
        cells = Map.copyOf(cells);
        problems = List.copyOf(problems);
    }

    /** The trimmed text of a cell, null when absent or blank; a list is joined with commas. */
    public String text(String column) {
        Object value = cells.get(column);
        String text = value instanceof List<?> list ? String.join(",", list.stream().map(String::valueOf).toList())
                : (String) value;
        return text == null || text.isBlank() ? null : text.trim();
    }

    /** A list cell: a JSON array, or comma-separated text; blank entries are dropped. */
    public List<String> list(String column) {
        Object value = cells.get(column);
        List<String> items = value instanceof List<?> list ? list.stream().map(String::valueOf).toList()
                : value == null ? List.of() : Arrays.asList(((String) value).split(","));
        return items.stream().map(String::trim).filter(item -> !item.isEmpty()).toList();
    }

    /** true/false, yes/no, 1/0 in any case; not given means false. */
    public boolean bool(String column, Validation validation) {
        String text = text(column);
        if (text == null) {
            return false;
        }
        switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "y", "1" -> {
                return true;
            }
            case "false", "no", "n", "0" -> {
                return false;
            }
            default -> {
                validation.add(column, "'" + text + "' is not true or false");
                return false;
            }
        }
    }

    /** An enum constant by name in any case ({@code bank} is not {@code BANK}); null when not given. */
    public <E extends Enum<E>> E enumValue(String column, Class<E> type, Validation validation) {
        String text = text(column);
        if (text == null) {
            return null;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(text.replace(' ', '_').replace('-', '_'))) {
                return constant;
            }
        }
        validation.add(column, "'" + text + "' is not one of " + Arrays.toString(type.getEnumConstants()));
        return null;
    }

    /** An ISO date (2026-01-31); null when not given. */
    public LocalDate date(String column, Validation validation) {
        String text = text(column);
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            validation.add(column, "'" + text + "' is not a date such as 2026-01-31");
            return null;
        }
    }
}

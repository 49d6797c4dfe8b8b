package org.opencirt.constituency.internal.transfer;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.opencirt.common.FieldProblem;
import org.opencirt.common.InvalidInputException;
import org.opencirt.common.Validation;
import org.opencirt.constituency.ConstituencyTransfer.Dataset;

/**
 * How one kind of constituency record is exported to and imported from a file: its columns, how a row is found
 * again (its key: name, or kind and value, or owner and e-mail), and how a row becomes a call of the owning service.
 */
public abstract class RecordType {

    /** What importing one row did. */
    public enum Outcome { CREATED, UPDATED, UNCHANGED }

    private final Dataset dataset;
    private final List<String> columns;
    private final List<String> requiredColumns;
    private final String keyColumn;

    /**
     * @param columns         column names in export order; a team's RFC 2350 fields are nested as
     *                        {@code profile.email}
     * @param requiredColumns columns a CSV header must have
     * @param keyColumn       the column blamed when a row repeats another row's key
     */
    protected RecordType(Dataset dataset, List<String> columns, List<String> requiredColumns, String keyColumn) {
        this.dataset = dataset;
        this.columns = List.copyOf(columns);
        this.requiredColumns = List.copyOf(requiredColumns);
        this.keyColumn = keyColumn;
    }

    public final Dataset dataset() {
        return dataset;
    }

    public final List<String> columns() {
        return columns;
    }

    public final List<String> requiredColumns() {
        return requiredColumns;
    }

    public final String keyColumn() {
        return keyColumn;
    }

    /** Every record the caller may see, as rows of column values, parents before children. */
    public abstract List<Map<String, Object>> export();

    /**
     * What identifies the row's record within a file (compared to spot duplicates), or null if it has none: by
     * default the key column, ignoring case, as names are unique regardless of case.
     */
    public Object key(SourceRow row) {
        return caseInsensitive(row.text(keyColumn));
    }

    /** Starts applying the rows of one file, inside the import's transaction. */
    public abstract Session start();

    /**
     * The file column a service's field problem belongs to: {@code sectorId} is reported as {@code sector}, the
     * column that named the sector.
     */
    public String column(String field) {
        if (field == null || columns.contains(field)) {
            return field;
        }
        String named = field.endsWith("Id") ? field.substring(0, field.length() - 2) : field;
        return columns.contains(named) ? named : field;
    }

    /** A key that ignores case; null for a blank cell. */
    protected static Object caseInsensitive(String text) {
        return text == null ? null : text.toLowerCase(Locale.ROOT);
    }

    /**
     * Validates a row's input with its service, reporting the row's own parsing problems and the service's at once,
     * then creates the record when new, updates it when it differs, or leaves it.
     *
     * @param existing the record the row's key found, or null
     * @throws InvalidInputException with every problem of the row
     */
    protected <E, I> Outcome save(Validation parsing, I input, E existing, Function<E, Long> id,
            Function<E, I> asInput, BiFunction<I, Long, I> validate, Consumer<I> create, BiConsumer<Long, I> update) {
        Long existingId = existing == null ? null : id.apply(existing);
        I clean = validated(parsing, () -> validate.apply(input, existingId));
        if (existing == null) {
            create.accept(clean);
            return Outcome.CREATED;
        }
        if (asInput.apply(existing).equals(clean)) {
            return Outcome.UNCHANGED;
        }
        update.accept(existingId, clean);
        return Outcome.UPDATED;
    }

    /** A service complaint about a column that already has a parsing problem (an unknown sector) is dropped. */
    private <I> I validated(Validation parsing, Supplier<I> validate) {
        List<FieldProblem> problems = new ArrayList<>(parsing.problems());
        Set<String> blamed = new HashSet<>();
        problems.forEach(problem -> blamed.add(problem.field()));
        I clean = null;
        try {
            clean = validate.get();
        } catch (InvalidInputException e) {
            e.problems().stream().filter(problem -> !blamed.contains(column(problem.field())))
                    .forEach(problems::add);
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return clean;
    }

    /** Applies rows one by one; may defer writes to {@link #finish()}. */
    public interface Session {

        /**
         * Validates the row with the owning service's rules and creates, updates or leaves its record.
         *
         * @throws InvalidInputException with the row's problems
         */
        Outcome apply(SourceRow row);

        /** Writes whatever was deferred; called only when no row had problems. */
        default void finish() {
        }
    }
}

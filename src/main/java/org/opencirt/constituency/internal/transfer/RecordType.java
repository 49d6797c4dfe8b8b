package org.opencirt.constituency.internal.transfer;

import java.util.List;
import java.util.Map;
import org.opencirt.constituency.ConstituencyTransfer.Dataset;

/**
 * How one kind of constituency record is exported to and imported from a file: its columns, how a row is found
 * again (its key: name, or kind and value, or owner and e-mail), and how a row becomes a service call.
 */
public interface RecordType {

    /** What importing one row did. */
    enum Outcome { CREATED, UPDATED, UNCHANGED }

    Dataset dataset();

    /** Column names in export order; a team's RFC 2350 fields are nested as {@code profile.email}. */
    List<String> columns();

    /** Columns a CSV header must have. */
    List<String> requiredColumns();

    /** The column blamed when a row repeats another row's key. */
    String keyColumn();

    /** Every record the caller may see, as rows of column values, parents before children. */
    List<Map<String, Object>> export();

    /** What identifies the row's record within a file (compared to spot duplicates), or null if it has none. */
    Object key(SourceRow row);

    /** Starts applying the rows of one file, inside the import's transaction. */
    Session start();

    /**
     * The file column a service's field problem belongs to: {@code sectorId} is reported as {@code sector}, the
     * column that named the sector.
     */
    default String column(String field) {
        if (field == null || columns().contains(field)) {
            return field;
        }
        if (field.endsWith("Id") && columns().contains(field.substring(0, field.length() - 2))) {
            return field.substring(0, field.length() - 2);
        }
        return field;
    }

    /** Applies rows one by one; may defer writes to {@link #finish()}. */
    interface Session {

        /**
         * Validates the row with the owning service's rules and creates, updates or leaves its record.
         *
         * @throws org.opencirt.common.InvalidInputException with the row's problems
         */
        Outcome apply(SourceRow row);

        /** Writes whatever was deferred; called only when no row had problems. */
        default void finish() {
        }
    }
}

package org.opencirt.constituency;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.opencirt.audit.AuditChannel;
import org.opencirt.audit.AuditLog;
import org.opencirt.common.FieldProblem;
import org.opencirt.common.InvalidInputException;
import org.opencirt.constituency.internal.transfer.RecordType;
import org.opencirt.constituency.internal.transfer.SourceRow;
import org.opencirt.constituency.internal.transfer.TransferFiles;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Bulk export and import of the constituency, one kind of record per CSV or JSON file, so that a CIRT can move its
 * constituency between installations or maintain it in a spreadsheet. Files name other records by name, never by
 * id, since ids differ between installations. An import is all or nothing: every row is checked with the same
 * rules as a form, and a single bad row means nothing is written and every problem is reported.
 */
@Service
public class ConstituencyTransfer {

    /** Largest file accepted, in bytes. */
    public static final int MAX_BYTES = 20 * 1024 * 1024;
    /** Most data rows accepted in one file. */
    public static final int MAX_ROWS = 200_000;

    private final Map<Dataset, RecordType> types = new EnumMap<>(Dataset.class);
    private final AuditLog audit;
    private final TransactionTemplate readOnly;
    private final TransactionTemplate writing;

    public ConstituencyTransfer(List<RecordType> recordTypes, AuditLog audit,
            PlatformTransactionManager transactions) {
        this.audit = audit;
        recordTypes.forEach(type -> types.put(type.dataset(), type));
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.writing = new TransactionTemplate(transactions);
    }

    /**
     * Writes every record of the dataset the caller may see (a CONSTITUENT: its own organisation's), in an order
     * that imports again: parents before their children.
     */
    public void export(Dataset dataset, Format format, OutputStream out) throws IOException {
        RecordType type = type(dataset);
        List<Map<String, Object>> rows = readOnly.execute(status -> type.export());
        TransferFiles.write(format, type.columns(), rows, out);
    }

    /**
     * Imports a file: creates records whose name (or key) is new, updates those that exist, leaves identical ones
     * alone. All in one transaction: every change is audited by its service as coming through the
     * {@link AuditChannel#IMPORT} channel, followed by one entry summing the import up; with any bad row, or for a
     * dry run, the transaction is rolled back, so the answer of a dry run is exactly what the import would do.
     *
     * @throws UnreadableFileException when the file as a whole cannot be read (not CSV or JSON, unknown column,
     *         not UTF-8, empty, too large)
     */
    public ImportReport importFile(Dataset dataset, Format format, InputStream in, boolean dryRun) throws IOException {
        RecordType type = type(dataset);
        byte[] bytes = in.readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
            throw new FileTooLargeException("The file is larger than " + MAX_BYTES / (1024 * 1024)
                    + " MB; split it into several files");
        }
        List<SourceRow> rows = TransferFiles.read(format, bytes, type.columns(), type.requiredColumns(), MAX_ROWS);
        return AuditChannel.callAs(AuditChannel.IMPORT, () -> writing.execute(status -> {
            ImportReport report = apply(type, rows, dryRun);
            if (dryRun || !report.ok()) {
                status.setRollbackOnly();
            } else {
                audit.record("IMPORT", "import", dataset.param(), format + " import of " + rows.size() + " "
                        + dataset.param() + ": " + report.created() + " created, " + report.updated() + " updated, "
                        + report.unchanged() + " unchanged", null, null);
            }
            return report;
        }));
    }

    private ImportReport apply(RecordType type, List<SourceRow> rows, boolean dryRun) {
        int[] outcomes = new int[RecordType.Outcome.values().length];
        List<RowError> errors = new ArrayList<>();
        Map<Object, Integer> firstRowOfKey = new HashMap<>();
        RecordType.Session session = type.start();
        for (SourceRow row : rows) {
            try {
                if (!row.problems().isEmpty()) {
                    throw new InvalidInputException(row.problems());
                }
                Object key = type.key(row);
                Integer first = key == null ? null : firstRowOfKey.putIfAbsent(key, row.number());
                if (first != null) {
                    throw new InvalidInputException(type.keyColumn(), "duplicates row " + first + " of this file");
                }
                outcomes[session.apply(row).ordinal()]++;
            } catch (InvalidInputException e) {
                for (FieldProblem problem : e.problems()) {
                    errors.add(new RowError(row.number(), row.line(), type.column(problem.field()), problem.message()));
                }
            }
        }
        if (errors.isEmpty()) {
            try {
                session.finish();
            } catch (InvalidInputException e) {
                e.problems().forEach(problem -> errors.add(new RowError(0, null, type.column(problem.field()),
                        problem.message())));
            }
        }
        return new ImportReport(dryRun, outcomes[RecordType.Outcome.CREATED.ordinal()],
                outcomes[RecordType.Outcome.UPDATED.ordinal()], outcomes[RecordType.Outcome.UNCHANGED.ordinal()],
                errors);
    }

    /** The columns of a dataset's files, in the order they are exported. */
    public List<String> columns(Dataset dataset) {
        return type(dataset).columns();
    }

    private RecordType type(Dataset dataset) {
        RecordType type = types.get(dataset);
        if (type == null) {
            throw new IllegalStateException("No import/export for " + dataset);
        }
        return type;
    }

    /** The kinds of record that are exported and imported, one kind per file. */
    public enum Dataset {
        SECTORS, ORGANISATIONS, TEAMS, CONTACTS, ASSETS;

        /** The name used in URLs and file names: {@code organisations}. */
        public String param() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Parses {@code organisations} (any case); IllegalArgumentException listing the valid names otherwise. */
        public static Dataset fromParam(String value) {
            for (Dataset dataset : values()) {
                if (dataset.param().equalsIgnoreCase(value == null ? "" : value.trim())) {
                    return dataset;
                }
            }
            throw new IllegalArgumentException("Unknown type '" + value + "'; expected one of sectors, "
                    + "organisations, teams, contacts, assets");
        }
    }

    /** File formats: CSV with a header row, or a JSON array of objects with the same fields. */
    public enum Format {
        CSV("text/csv", "csv"), JSON("application/json", "json");

        private final String mediaType;
        private final String extension;

        Format(String mediaType, String extension) {
            this.mediaType = mediaType;
            this.extension = extension;
        }

        public String mediaType() {
            return mediaType;
        }

        public String extension() {
            return extension;
        }

        /** Parses {@code csv} or {@code json} (any case); IllegalArgumentException otherwise. */
        public static Format fromParam(String value) {
            for (Format format : values()) {
                if (format.extension.equalsIgnoreCase(value == null ? "" : value.trim())) {
                    return format;
                }
            }
            throw new IllegalArgumentException("Unknown format '" + value + "'; expected csv or json");
        }
    }

    /**
     * What an import did, or would do for a dry run. With errors nothing was written.
     */
    public record ImportReport(boolean dryRun, int created, int updated, int unchanged, List<RowError> errors) {

        public ImportReport {
            errors = List.copyOf(errors);
        }

        public boolean ok() {
            return errors.isEmpty();
        }
    }

    /**
     * A problem with one row: {@code row} counts data rows from 1 (the header is not a row), {@code line} is the
     * line of a CSV file where the row starts (null for JSON), {@code field} the column (null for the whole row).
     */
    public record RowError(int row, Integer line, String field, String message) {
    }

    /** The file as a whole cannot be imported; the message says why and what to do. */
    public static class UnreadableFileException extends IllegalArgumentException {

        public UnreadableFileException(String message) {
            super(message);
        }
    }

    /** The file exceeds {@link #MAX_BYTES} or {@link #MAX_ROWS}. */
    public static class FileTooLargeException extends UnreadableFileException {

        public FileTooLargeException(String message) {
            super(message);
        }
    }
}

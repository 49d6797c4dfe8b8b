package org.opencirt.constituency.internal.transfer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.opencirt.common.CsvCells;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.opencirt.common.FieldProblem;
import org.opencirt.constituency.ConstituencyTransfer.FileTooLargeException;
import org.opencirt.constituency.ConstituencyTransfer.Format;
import org.opencirt.constituency.ConstituencyTransfer.UnreadableFileException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and writes the files of bulk import and export. CSV has a header row with the JSON field names (a team's
 * RFC 2350 fields as {@code profile.email} and so on) and lists comma-separated in one cell; semicolon-separated
 * files, as spreadsheets save them in many locales, are read too. JSON is an array of objects. Whatever makes a
 * whole file unusable is an {@link UnreadableFileException} with a message for the person
 * who made the file; problems of single rows stay with the row.
 */
public final class TransferFiles {

    private static final char NESTING = '.';
    private static final CSVFormat CSV = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TransferFiles() {
    }

    /** Parses a whole file into rows, checking its columns against those of the record type. */
    public static List<SourceRow> read(Format format, byte[] bytes, List<String> columns, List<String> required,
            int maxRows) {
        String text = decode(bytes);
        if (text.isBlank()) {
            throw new UnreadableFileException("The file is empty");
        }
        return format == Format.CSV ? readCsv(text, columns, required, maxRows) : readJson(text, columns, maxRows);
    }

    private static String decode(byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new UnreadableFileException("The file is not UTF-8 text; save it as UTF-8 (in a spreadsheet: "
                    + "CSV UTF-8) and try again");
        }
        if (text.indexOf('\0') >= 0) {
            throw new UnreadableFileException("The file contains binary data; expected a CSV or JSON text file");
        }
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static List<SourceRow> readCsv(String text, List<String> columns, List<String> required, int maxRows) {
        List<SourceRow> rows = new ArrayList<>();
        int[] lineStarts = lineStarts(text);
        try (CSVParser parser = csvFormat(text).parse(new StringReader(text))) {
            Iterator<CSVRecord> records = parser.iterator();
            if (!records.hasNext()) {
                throw new UnreadableFileException("The file is empty");
            }
            List<String> header = header(records.next(), columns, required);
            while (records.hasNext()) {
                CSVRecord record = records.next();
                if (rows.size() == maxRows) {
                    throw new FileTooLargeException("The file has more than " + maxRows + " rows; split it");
                }
                rows.add(csvRow(rows.size() + 1, line(text, lineStarts, record.getCharacterPosition()), header,
                        record));
            }
        } catch (UncheckedIOException | IllegalStateException | IOException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new UnreadableFileException("The file is not valid CSV: " + cause.getMessage());
        }
        return rows;
    }

    /** Commas, or semicolons when the header has no comma, as spreadsheets write CSV in many locales. */
    private static CSVFormat csvFormat(String text) {
        int end = text.indexOf('\n');
        String header = end < 0 ? text : text.substring(0, end);
        return header.indexOf(',') < 0 && header.indexOf(';') >= 0 ? CSV.builder().setDelimiter(';').get() : CSV;
    }

    private static List<String> header(CSVRecord record, List<String> columns, List<String> required) {
        List<String> header = record.stream().map(String::trim).toList();
        Set<String> seen = new HashSet<>();
        for (String column : header) {
            if (!columns.contains(column)) {
                throw new UnreadableFileException("Unknown column '" + abbreviate(column)
                        + "' in the header row; the columns are " + String.join(", ", columns));
            }
            if (!seen.add(column)) {
                throw new UnreadableFileException("Column '" + column + "' appears twice in the header row");
            }
        }
        List<String> missing = required.stream().filter(column -> !seen.contains(column)).toList();
        if (!missing.isEmpty()) {
            throw new UnreadableFileException("Required column" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing) + " missing from the header row");
        }
        return header;
    }

    private static SourceRow csvRow(int number, int line, List<String> header, CSVRecord record) {
        Map<String, Object> cells = new LinkedHashMap<>();
        List<FieldProblem> problems = new ArrayList<>();
        if (record.size() != header.size()) {
            problems.add(new FieldProblem(null, "has " + record.size() + " cells but the header has "
                    + header.size() + " columns (a missing or extra comma, or an unclosed quote?)"));
        }
        for (int i = 0; i < Math.min(header.size(), record.size()); i++) {
            cells.put(header.get(i), unescapeFormula(record.get(i)));
        }
        return new SourceRow(number, line, cells, problems);
    }

    private static int[] lineStarts(String text) {
        List<Integer> starts = new ArrayList<>(List.of(0));
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The line of a record starting at the position; blank lines the parser skipped before it do not count. */
    private static int line(String text, int[] lineStarts, long position) {
        int start = (int) position;
        while (start < text.length() && (text.charAt(start) == '\r' || text.charAt(start) == '\n')) {
            start++;
        }
        int found = Arrays.binarySearch(lineStarts, start);
        return (found >= 0 ? found : -found - 2) + 1;
    }

    private static List<SourceRow> readJson(String text, List<String> columns, int maxRows) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JacksonException e) {
            throw new UnreadableFileException("The file is not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + ")"));
        }
        if (root == null || !root.isArray()) {
            throw new UnreadableFileException("Expected a JSON array of objects, one per record");
        }
        if (root.size() > maxRows) {
            throw new FileTooLargeException("The file has more than " + maxRows + " rows; split it");
        }
        List<SourceRow> rows = new ArrayList<>();
        for (JsonNode element : root.values()) {
            int number = rows.size() + 1;
            if (!element.isObject()) {
                throw new UnreadableFileException("Element " + number + " of the array is not an object");
            }
            Map<String, Object> cells = new LinkedHashMap<>();
            List<FieldProblem> problems = new ArrayList<>();
            flatten(number, "", element, columns, cells, problems);
            rows.add(new SourceRow(number, null, cells, problems));
        }
        return rows;
    }

    private static void flatten(int number, String prefix, JsonNode object, List<String> columns,
            Map<String, Object> cells, List<FieldProblem> problems) {
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            String name = prefix + field.getKey();
            JsonNode value = field.getValue();
            if (value.isObject() && prefix.isEmpty()
                    && columns.stream().anyMatch(column -> column.startsWith(name + NESTING))) {
                flatten(number, name + NESTING, value, columns, cells, problems);
            } else if (!columns.contains(name)) {
                throw new UnreadableFileException("Unknown field '" + abbreviate(name) + "' in element " + number
                        + "; the fields are " + String.join(", ", columns));
            } else if (value.isArray()) {
                List<String> items = new ArrayList<>();
                for (JsonNode item : value.values()) {
                    if (item.isContainer()) {
                        problems.add(new FieldProblem(name, "must be a list of texts"));
                    } else if (!item.isNull()) {
                        items.add(item.asString());
                    }
                }
                cells.put(name, items);
            } else if (value.isObject()) {
                problems.add(new FieldProblem(name, "must be a text, number or true/false, not an object"));
            } else if (!value.isNull()) {
                cells.put(name, value.asString());
            }
        }
    }

    /** Writes rows (values: text, Boolean, number, date, list of texts, or null) in the given format. */
    public static void write(Format format, List<String> columns, List<Map<String, Object>> rows, OutputStream out)
            throws IOException {
        if (format == Format.CSV) {
            writeCsv(columns, rows, out);
        } else {
            writeJson(columns, rows, out);
        }
    }

    private static void writeCsv(List<String> columns, List<Map<String, Object>> rows, OutputStream out)
            throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        CSVPrinter printer = new CSVPrinter(writer, CSV);
        printer.printRecord(columns);
        for (Map<String, Object> row : rows) {
            for (String column : columns) {
                printer.print(csvCell(row.get(column)));
            }
            printer.println();
        }
        printer.flush();
    }

    private static String csvCell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value instanceof List<?> list ? String.join(",", list.stream().map(String::valueOf).toList())
                : String.valueOf(value);
        return escapeFormula(text);
    }

    static String escapeFormula(String text) {
        return CsvCells.escapeFormula(text);
    }

    static String unescapeFormula(String text) {
        return CsvCells.unescapeFormula(text);
    }

    private static void writeJson(List<String> columns, List<Map<String, Object>> rows, OutputStream out) {
        try (JsonGenerator generator = JSON.createGenerator(out)) {
            generator.writeStartArray();
            for (Map<String, Object> row : rows) {
                generator.writePOJO(nest(columns, row));
            }
            generator.writeEndArray();
        }
    }

    /** {@code profile.email} becomes {@code {"profile": {"email": ...}}}. */
    private static Map<String, Object> nest(List<String> columns, Map<String, Object> row) {
        Map<String, Object> object = new LinkedHashMap<>();
        for (String column : columns) {
            Object value = row.get(column);
            int dot = column.indexOf(NESTING);
            if (dot < 0) {
                object.put(column, value);
            } else {
                @SuppressWarnings("unchecked")
                Map<String, Object> nested = (Map<String, Object>) object.computeIfAbsent(column.substring(0, dot),
                        key -> new LinkedHashMap<String, Object>());
                nested.put(column.substring(dot + 1), value);
            }
        }
        return object;
    }

    private static String abbreviate(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "…" : text;
    }
}

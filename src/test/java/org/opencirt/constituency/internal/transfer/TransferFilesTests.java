package org.opencirt.constituency.internal.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opencirt.constituency.ConstituencyTransfer.FileTooLargeException;
import org.opencirt.constituency.ConstituencyTransfer.Format;
import org.opencirt.constituency.ConstituencyTransfer.UnreadableFileException;

class TransferFilesTests {

    private static final List<String> COLUMNS = List.of("name", "languages", "notes", "profile.email");

    @Test
    void cellsThatSpreadsheetsWouldRunAsFormulasAreEscapedAndReadBackUnchanged() {
        for (String value : List.of("=1+1", "+x", "-", "@SUM(A1)", "'=x", "''x", "'x", "'", "plain", "")) {
            assertThat(TransferFiles.unescapeFormula(TransferFiles.escapeFormula(value))).isEqualTo(value);
        }
        assertThat(TransferFiles.escapeFormula("=HYPERLINK(\"x\")")).isEqualTo("'=HYPERLINK(\"x\")");
        assertThat(TransferFiles.escapeFormula("Bank")).isEqualTo("Bank");
    }

    @Test
    void writtenCsvAndJsonReadBackAsTheSameCells() throws Exception {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", "=Bank, \"Caldera\"");
        row.put("languages", List.of("en", "fr"));
        row.put("notes", "two\nlines");
        row.put("profile.email", "cert@bank.example");
        for (Format format : Format.values()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            TransferFiles.write(format, COLUMNS, List.of(row), out);

            SourceRow read = TransferFiles.read(format, out.toByteArray(), COLUMNS, List.of("name"), 10).get(0);

            assertThat(read.text("name")).isEqualTo("=Bank, \"Caldera\"");
            assertThat(read.list("languages")).containsExactly("en", "fr");
            assertThat(read.text("notes")).isEqualTo("two\nlines");
            assertThat(read.text("profile.email")).isEqualTo("cert@bank.example");
        }
    }

    @Test
    void csvRowsKnowTheLineTheyStartOnEvenAfterMultiLineCells() {
        String csv = "\uFEFFname,notes\r\nFirst,\"a\nb\nc\"\r\nSecond,\r\n\r\nThird,x\r\n";

        List<SourceRow> rows = TransferFiles.read(Format.CSV, bytes(csv), COLUMNS, List.of("name"), 10);

        assertThat(rows).extracting(SourceRow::number).containsExactly(1, 2, 3);
        assertThat(rows).extracting(SourceRow::line).containsExactly(2, 5, 7);
    }

    @Test
    void aRowWithTooFewOrTooManyCellsIsARowProblem() {
        List<SourceRow> rows = TransferFiles.read(Format.CSV, bytes("name,notes\nA\nB,x,y\nC,z\n"), COLUMNS,
                List.of("name"), 10);

        assertThat(rows.get(0).problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).startsWith("has 1 cells but the header has 2"));
        assertThat(rows.get(1).problems()).hasSize(1);
        assertThat(rows.get(2).problems()).isEmpty();
    }

    @Test
    void tooManyRowsIsRefusedAsAWhole() {
        assertThatThrownBy(() -> TransferFiles.read(Format.CSV, bytes("name\na\nb\nc\n"), COLUMNS, List.of(), 2))
                .isInstanceOf(FileTooLargeException.class).hasMessageContaining("more than 2 rows");
        assertThatThrownBy(() -> TransferFiles.read(Format.JSON, bytes("[{},{},{}]"), COLUMNS, List.of(), 2))
                .isInstanceOf(FileTooLargeException.class);
    }

    @Test
    void nestedJsonObjectsAreOnlyAllowedWhereColumnsAreNested() {
        assertThat(TransferFiles.read(Format.JSON, bytes("[{\"profile\": {\"email\": \"a@b.example\"}}]"), COLUMNS,
                List.of(), 10).get(0).text("profile.email")).isEqualTo("a@b.example");
        assertThat(TransferFiles.read(Format.JSON, bytes("[{\"name\": {\"x\": 1}}]"), COLUMNS, List.of(), 10)
                .get(0).problems()).singleElement().satisfies(p -> assertThat(p.field()).isEqualTo("name"));
        assertThatThrownBy(() -> TransferFiles.read(Format.JSON, bytes("[1]"), COLUMNS, List.of(), 10))
                .isInstanceOf(UnreadableFileException.class).hasMessageContaining("not an object");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

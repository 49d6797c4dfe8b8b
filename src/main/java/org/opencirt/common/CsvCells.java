package org.opencirt.common;

/**
 * Keeps exported CSV cells from being run as spreadsheet formulas ({@code =HYPERLINK(...)} in a reporter's text),
 * and undoes that on import, so every CSV path out of OpenCIRT is safe to open.
 */
public final class CsvCells {

    /** Characters that make a spreadsheet read a cell as a formula; exported with a leading apostrophe. */
    private static final String FORMULA_START = "=+-@\t\r";

    private CsvCells() {
    }

    public static String escapeFormula(String text) {
        if (text == null) {
            return "";
        }
        boolean risky = !text.isEmpty() && (FORMULA_START.indexOf(text.charAt(0)) >= 0
                || text.charAt(0) == '\'' && text.length() > 1
                        && (FORMULA_START.indexOf(text.charAt(1)) >= 0 || text.charAt(1) == '\''));
        return risky ? "'" + text : text;
    }

    public static String unescapeFormula(String text) {
        boolean escaped = text.length() > 1 && text.charAt(0) == '\''
                && (FORMULA_START.indexOf(text.charAt(1)) >= 0 || text.charAt(1) == '\'');
        return escaped ? text.substring(1) : text;
    }
}

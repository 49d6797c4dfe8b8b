package org.opencirt.pipeline;

import java.util.List;

import org.opencirt.common.ConflictException;
import org.opencirt.common.FieldProblem;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What feeds and processing rules share as named configuration: a required, trimmed name unique ignoring case. */
final class ConfigNames {

    private ConfigNames() {
    }

    /** The trimmed text, or null when blank. */
    static String trimmed(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    /** The trimmed name; a problem is added when it is missing or longer than 100 characters. */
    static String name(String input, List<FieldProblem> problems) {
        String name = trimmed(input);
        if (name == null || name.length() > 100) {
            problems.add(new FieldProblem("name", "is required, at most 100 characters"));
        }
        return name;
    }

    /**
     * @param table the table (a constant of the caller, never input)
     * @throws ConflictException when another row (not {@code id}) has the name
     */
    static void requireUnique(JdbcClient jdbc, String table, String what, String name, long id) {
        boolean taken = jdbc.sql("select count(*) from " + table + " where lower(name) = lower(?) and id <> ?")
                .params(name, id).query(Long.class).single() > 0;
        if (taken) {
            throw new ConflictException("A " + what + " named '" + name + "' already exists");
        }
    }
}

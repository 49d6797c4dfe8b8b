package org.opencirt.common;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Thrown by services when input breaks a rule the caller can fix; maps to 422 with the field list,
 * and to field messages in forms. Services validate, so every channel (UI, API, import) gets the same rules.
 */
public class InvalidInputException extends RuntimeException {

    private final List<FieldProblem> problems;

    public InvalidInputException(List<FieldProblem> problems) {
        super(problems.isEmpty() ? "invalid input" : problems.get(0).field() + ": " + problems.get(0).message());
        this.problems = List.copyOf(problems);
    }

    public InvalidInputException(String field, String message) {
        this(List.of(new FieldProblem(field, message)));
    }

    public List<FieldProblem> problems() {
        return problems;
    }

    /** The first message per field, as forms show them next to their inputs. */
    public Map<String, String> byField() {
        Map<String, String> messages = new LinkedHashMap<>();
        problems.forEach(problem -> messages.putIfAbsent(problem.field(), problem.message()));
        return messages;
    }
}

package org.opencirt.common.web;

import java.util.ArrayList;
import java.util.List;
import org.opencirt.common.FieldProblem;
import org.opencirt.common.InvalidInputException;
import org.springframework.validation.BindingResult;

/**
 * Form values that could not even be read (text in a number field, an unknown choice) become the same field
 * messages the services give, so that every page shows them next to the field instead of an error page.
 */
public final class FormBinding {

    private FormBinding() {
    }

    /** Throws the form's binding failures as field problems; does nothing when every value was read. */
    public static void requireBound(BindingResult binding) {
        if (binding.hasFieldErrors()) {
            List<FieldProblem> problems = new ArrayList<>();
            binding.getFieldErrors().forEach(error -> problems.add(new FieldProblem(error.getField(),
                    "'" + error.getRejectedValue() + "' is not a valid value")));
            throw new InvalidInputException(problems);
        }
    }
}

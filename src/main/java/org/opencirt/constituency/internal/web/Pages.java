package org.opencirt.constituency.internal.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.opencirt.common.ConflictException;
import org.opencirt.common.FieldProblem;
import org.opencirt.common.InvalidInputException;
import org.opencirt.common.PageResult;
import org.opencirt.common.web.Pager;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * What every constituency page does the same way: answer htmx with a fragment and browsers with the page, turn
 * unreadable form values into the same field messages the services give, and say what happened after a save or
 * delete. One place, so that the pages behave alike.
 */
final class Pages {

    private Pages() {
    }

    /** The whole page, or only its fragment when htmx asks (live search, inline forms). */
    static String view(HttpServletRequest request, String page, String fragment) {
        return "true".equals(request.getHeader("HX-Request")) ? page + " :: " + fragment : page;
    }

    /** Puts a page of results and its pager into the model. */
    static void results(Model model, PageResult<?> result, HttpServletRequest request) {
        model.addAttribute("results", result);
        model.addAttribute("pager", Pager.of(result, request));
    }

    /**
     * Throws the form's binding failures (text in a number field, an unknown choice) as field problems, so that
     * the form shows them like the services' own messages.
     */
    static void requireBound(BindingResult binding) {
        if (binding.hasFieldErrors()) {
            List<FieldProblem> problems = new ArrayList<>();
            binding.getFieldErrors().forEach(error -> problems.add(new FieldProblem(error.getField(),
                    "'" + error.getRejectedValue() + "' is not a valid value")));
            throw new InvalidInputException(problems);
        }
    }

    /**
     * Saves a form: on success redirects to the saved record's page (the path {@code saving} answers) with the
     * “saved” notice; on invalid input answers what {@code invalid} renders with the field messages.
     */
    static String save(BindingResult binding, RedirectAttributes redirect, Supplier<String> saving,
            Function<Map<String, String>, String> invalid) {
        try {
            requireBound(binding);
            String path = saving.get();
            redirect.addFlashAttribute("notice", "constituency.saved");
            return "redirect:" + path;
        } catch (InvalidInputException e) {
            return invalid.apply(e.byField());
        }
    }

    /**
     * Deletes, then goes back to the list; when the record is still in use, back to its page with the reason.
     */
    static String delete(Runnable deletion, RedirectAttributes redirect, String listPath, String recordPath) {
        try {
            deletion.run();
        } catch (ConflictException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
            return "redirect:" + recordPath;
        }
        redirect.addFlashAttribute("notice", "constituency.deleted");
        return "redirect:" + listPath;
    }
}

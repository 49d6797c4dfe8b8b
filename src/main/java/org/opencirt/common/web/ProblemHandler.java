package org.opencirt.common.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.opencirt.common.ConflictException;
import org.opencirt.common.FieldProblem;
import org.opencirt.common.InvalidInputException;
import org.opencirt.common.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns every failure into an answer a client can use: RFC 9457 problem JSON for the API, the error
 * page for the browser. Nothing leaks a stack trace; unexpected errors are logged with an id the user can quote.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(NotFoundException.class)
    public Object notFound(NotFoundException e, HttpServletRequest request) {
        return respond(request, HttpStatus.NOT_FOUND, "Not found", e.getMessage(), null);
    }

    @ExceptionHandler(ConflictException.class)
    public Object conflict(ConflictException e, HttpServletRequest request) {
        return respond(request, HttpStatus.CONFLICT, "Conflict", e.getMessage(), null);
    }

    @ExceptionHandler(InvalidInputException.class)
    public Object invalid(InvalidInputException e, HttpServletRequest request) {
        return respond(request, HttpStatus.UNPROCESSABLE_CONTENT, "Invalid input", e.getMessage(), e.problems());
    }

    @ExceptionHandler({AccessDeniedException.class})
    public Object denied(AccessDeniedException e, HttpServletRequest request) {
        return respond(request, HttpStatus.FORBIDDEN, "Forbidden",
                "You are not allowed to do this.", null);
    }

    @ExceptionHandler(InsufficientAuthenticationException.class)
    public Object unauthenticated(InsufficientAuthenticationException e, HttpServletRequest request) {
        return respond(request, HttpStatus.UNAUTHORIZED, "Unauthorized", "Authentication is required.", null);
    }

    @ExceptionHandler({IllegalArgumentException.class, MethodArgumentTypeMismatchException.class})
    public Object badRequest(RuntimeException e, HttpServletRequest request) {
        String detail = e instanceof MethodArgumentTypeMismatchException mismatch
                ? "Parameter '" + mismatch.getName() + "' has an invalid value."
                : e.getMessage();
        return respond(request, HttpStatus.BAD_REQUEST, "Bad request", detail, null);
    }

    @ExceptionHandler(Exception.class)
    public Object unexpected(Exception e, HttpServletRequest request) {
        String incident = Long.toHexString(System.nanoTime());
        LOG.error("Unexpected error {} on {} {}", incident, request.getMethod(), request.getRequestURI(), e);
        return respond(request, HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
                "An unexpected error occurred (reference " + incident + ").", null);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> problems = ex.getBindingResult().getFieldErrors().stream()
                .map(error -> new FieldProblem(error.getField(), error.getDefaultMessage()))
                .toList();
        ProblemDetail body = problem(HttpStatus.UNPROCESSABLE_CONTENT, "Invalid input",
                problems.isEmpty() ? "The request is invalid." : problems.get(0).field() + ": " + problems.get(0).message(),
                problems);
        return handleExceptionInternal(ex, body, headers, HttpStatus.UNPROCESSABLE_CONTENT, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> problems = ex.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> new FieldProblem(result.getMethodParameter().getParameterName(),
                                error.getDefaultMessage())))
                .toList();
        return handleExceptionInternal(ex,
                problem(HttpStatus.UNPROCESSABLE_CONTENT, "Invalid input", "The request is invalid.", problems),
                headers, HttpStatus.UNPROCESSABLE_CONTENT, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return handleExceptionInternal(ex, problem(HttpStatus.BAD_REQUEST, "Malformed request body",
                unreadableDetail(ex), null), headers, HttpStatus.BAD_REQUEST, request);
    }

    /** Names the offending field and, for enums, the accepted values, without echoing Java type names. */
    static String unreadableDetail(HttpMessageNotReadableException ex) {
        if (ex.getCause() instanceof DatabindException databind && !databind.getPath().isEmpty()) {
            String field = databind.getPath().stream()
                    .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                    .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse("?");
            if (databind instanceof InvalidFormatException format && format.getTargetType() != null
                    && format.getTargetType().isEnum()) {
                return "Field '" + field + "' has the value '" + format.getValue() + "'; expected one of "
                        + Arrays.toString(format.getTargetType().getEnumConstants()) + ".";
            }
            if (databind instanceof UnrecognizedPropertyException) {
                return "Field '" + field + "' is not known for this endpoint.";
            }
            return "Field '" + field + "' has a value of the wrong type.";
        }
        return "The request body is not valid JSON for this endpoint.";
    }

    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return handleExceptionInternal(ex, problem(HttpStatus.CONTENT_TOO_LARGE, "Upload too large",
                "The uploaded file is larger than allowed.", null), headers, HttpStatus.CONTENT_TOO_LARGE, request);
    }

    /**
     * Every failure Spring MVC itself reports (unknown address, wrong method, missing or unreadable parameter,
     * upload too large) ends here: problem JSON for the API as the base class answers, but for a browser the
     * container's error page with the same status, so that a mistyped address never shows raw JSON.
     */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        if (request instanceof ServletWebRequest servlet && servlet.getResponse() != null
                && !servlet.getResponse().isCommitted() && wantsHtml(servlet.getRequest())) {
            HttpServletResponse response = servlet.getResponse();
            headers.forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
            try {
                response.sendError(statusCode.value());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return null;
        }
        return super.handleExceptionInternal(ex, body, headers, statusCode, request);
    }

    private Object respond(HttpServletRequest request, HttpStatus status, String title, String detail,
            List<FieldProblem> problems) {
        if (!wantsHtml(request)) {
            return ResponseEntity.status(status).body(problem(status, title, detail, problems));
        }
        ModelAndView page = new ModelAndView("error", Map.of(
                "status", status.value(), "error", title, "message", detail == null ? "" : detail));
        page.setStatus(status);
        return page;
    }

    /** API paths always get problem JSON; other paths get HTML when the client asks for it. */
    static boolean wantsHtml(HttpServletRequest request) {
        if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            return false;
        }
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        return accept != null && accept.contains("text/html") || "true".equals(request.getHeader("HX-Request"));
    }

    public static ProblemDetail problem(HttpStatus status, String title, String detail, List<FieldProblem> problems) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
        body.setTitle(title);
        body.setType(URI.create("about:blank"));
        if (problems != null && !problems.isEmpty()) {
            body.setProperty("errors", problems);
        }
        return body;
    }
}

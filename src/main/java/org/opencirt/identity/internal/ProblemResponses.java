package org.opencirt.identity.internal;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.opencirt.common.web.ProblemHandler;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** 401 and 403 for the API as RFC 9457 problem JSON, written before any controller runs. */
@Component
public class ProblemResponses {

    private final JsonMapper json;

    public ProblemResponses(JsonMapper json) {
        this.json = json;
    }

    public AuthenticationEntryPoint unauthorized() {
        return (request, response, exception) -> write(response, HttpStatus.UNAUTHORIZED, "Unauthorized",
                "Authenticate with a Bearer token or HTTP Basic.");
    }

    public AccessDeniedHandler forbidden() {
        return (request, response, exception) -> write(response, HttpStatus.FORBIDDEN, "Forbidden",
                "You are not allowed to do this.");
    }

    void write(HttpServletResponse response, HttpStatus status, String title, String detail) throws IOException {
        if (status == HttpStatus.UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"opencirt\"");
        }
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(json.writeValueAsBytes(ProblemHandler.problem(status, title, detail, null)));
    }
}

package org.opencirt.test;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Real HTTP against the test server, as a client sees it: status, headers and body, with no MockMvc shortcuts,
 * so that the security filter chains, CSRF and problem JSON are exercised exactly as in production. Each instance
 * keeps its own cookies (one browser session) and never follows redirects, so that tests can assert them.
 */
public final class TestHttpClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern CSRF_INPUT = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

    private final String baseUrl;
    private final HttpClient http;
    private final String authorization;

    private TestHttpClient(String baseUrl, String authorization) {
        this.baseUrl = baseUrl;
        this.authorization = authorization;
        this.http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    /** A client without credentials (and with an empty cookie jar) for the server on {@code port}. */
    public static TestHttpClient anonymous(int port) {
        return new TestHttpClient("http://localhost:" + port, null);
    }

    /** A client that sends HTTP Basic credentials with every request. */
    public static TestHttpClient basic(int port, String username, String password) {
        String credentials = Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        return new TestHttpClient("http://localhost:" + port, "Basic " + credentials);
    }

    /** A client that sends {@code Authorization: Bearer <token>} with every request. */
    public static TestHttpClient bearer(int port, String token) {
        return new TestHttpClient("http://localhost:" + port, "Bearer " + token);
    }

    public Response get(String path) {
        return send("GET", path, Map.of(), null);
    }

    public Response get(String path, Map<String, String> headers) {
        return send("GET", path, headers, null);
    }

    public Response postJson(String path, Object body) {
        return sendJson("POST", path, body);
    }

    public Response putJson(String path, Object body) {
        return sendJson("PUT", path, body);
    }

    public Response patchJson(String path, Object body) {
        return sendJson("PATCH", path, body);
    }

    public Response delete(String path) {
        return send("DELETE", path, Map.of(), null);
    }

    /** Posts a raw body as JSON, so that tests can send malformed JSON too. */
    public Response postRawJson(String path, String body) {
        return post(path, "application/json", body);
    }

    /** Posts a text body with the given content type, for example a CSV file to the import API. */
    public Response post(String path, String contentType, String body) {
        return send("POST", path, Map.of("Content-Type", contentType), BodyPublishers.ofString(body));
    }

    /** Posts an HTML form ({@code application/x-www-form-urlencoded}) as a browser does. */
    public Response postForm(String path, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
                .collect(Collectors.joining("&"));
        return send("POST", path, Map.of("Content-Type", "application/x-www-form-urlencoded", "Accept", "text/html"),
                BodyPublishers.ofString(body));
    }

    /** Posts a form the way the page at {@code pagePath} would, with the CSRF token that page carries. */
    public Response postFormFrom(String pagePath, String actionPath, Map<String, String> fields) {
        Map<String, String> withToken = new LinkedHashMap<>(fields);
        withToken.put("_csrf", get(pagePath).csrfToken());
        return postForm(actionPath, withToken);
    }

    /**
     * Posts a file as a browser posts a form with {@code enctype=multipart/form-data}: the CSRF token of the page at
     * {@code pagePath}, then the file in the part {@code fileField}.
     */
    public Response postFileFrom(String pagePath, String actionPath, String fileField, String fileName,
            String content) {
        String boundary = "----opencirt-test-" + System.nanoTime();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n"
                + get(pagePath).csrfToken() + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\""
                + fileField + "\"; filename=\"" + fileName + "\"\r\nContent-Type: text/csv\r\n\r\n" + content
                + "\r\n--" + boundary + "--\r\n";
        return send("POST", actionPath, Map.of("Content-Type", "multipart/form-data; boundary=" + boundary,
                "Accept", "text/html"), BodyPublishers.ofString(body));
    }

    /** Logs in through the login form, CSRF token included; the session cookie stays in this client. */
    public Response login(String username, String password) {
        return postFormFrom("/login", "/login", Map.of("username", username, "password", password));
    }

    private Response sendJson(String method, String path, Object body) {
        return send(method, path, Map.of("Content-Type", "application/json"),
                BodyPublishers.ofString(JSON.writeValueAsString(body)));
    }

    private Response send(String method, String path, Map<String, String> headers, BodyPublisher body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? BodyPublishers.noBody() : body);
        if (!headers.containsKey("Accept")) {
            request.header("Accept", path.startsWith("/api/") ? "application/json" : "text/html");
        }
        headers.forEach(request::header);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            var response = http.send(request.build(), BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(response.statusCode(), response.headers().map().entrySet().stream()
                    .collect(Collectors.toMap(entry -> entry.getKey().toLowerCase(), entry -> entry.getValue().get(0))),
                    response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " " + path + " interrupted", e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** What came back: status, first value of each header (names in lower case), body as text. */
    public record Response(int status, Map<String, String> headers, String body) {

        public String header(String name) {
            return headers.get(name.toLowerCase());
        }

        public String contentType() {
            return header("Content-Type");
        }

        public JsonNode json() {
            return JSON.readTree(body);
        }

        /** The CSRF token of the first form on an HTML page. */
        public String csrfToken() {
            Matcher matcher = CSRF_INPUT.matcher(body);
            if (!matcher.find()) {
                throw new IllegalStateException("no CSRF token in page (status " + status + ")");
            }
            return matcher.group(1);
        }

        @Override
        public String toString() {
            return status + " " + contentType() + " " + (body.length() > 500 ? body.substring(0, 500) + "…" : body);
        }
    }
}

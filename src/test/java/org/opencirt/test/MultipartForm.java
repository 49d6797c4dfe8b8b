package org.opencirt.test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A {@code multipart/form-data} body as a browser sends it for a form with file inputs, for tests that post forms
 * with attachments through {@link TestHttpClient#post}. Files are text (the client sends the body as UTF-8).
 */
public final class MultipartForm {

    private final String boundary = "----OpenCirtTest" + UUID.randomUUID().toString().replace("-", "");
    private final List<String> parts = new ArrayList<>();

    public MultipartForm field(String name, String value) {
        parts.add("Content-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value);
        return this;
    }

    /** A file part; an empty name and content is what a browser sends for a file input left empty. */
    public MultipartForm file(String name, String fileName, String contentType, String content) {
        parts.add("Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + fileName + "\"\r\n"
                + "Content-Type: " + contentType + "\r\n\r\n" + content);
        return this;
    }

    public String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    public String body() {
        StringBuilder body = new StringBuilder();
        for (String part : parts) {
            body.append("--").append(boundary).append("\r\n").append(part).append("\r\n");
        }
        return body.append("--").append(boundary).append("--\r\n").toString();
    }
}

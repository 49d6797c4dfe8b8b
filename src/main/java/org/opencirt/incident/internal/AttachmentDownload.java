package org.opencirt.incident.internal;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.springframework.http.ContentDisposition;
import org.springframework.http.MediaType;

/**
 * Sends a stored file as a download that the browser never renders: an attachment is evidence and may be hostile
 * (HTML, scripts, malware), so API and UI serve it the same guarded way.
 */
public final class AttachmentDownload {

    private AttachmentDownload() {
    }

    public static void send(HttpServletResponse response, String fileName, InputStream content) throws IOException {
        response.setContentType(MediaType.APPLICATION_OCTET_STREAM_VALUE);
        response.setHeader("Content-Disposition", ContentDisposition.attachment()
                .filename(fileName, StandardCharsets.UTF_8).build().toString());
        response.setHeader("X-Content-Type-Options", "nosniff");
        try (InputStream in = content; OutputStream out = response.getOutputStream()) {
            in.transferTo(out);
        }
    }
}

package org.opencirt.incident.internal.intake;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * The limits that protect the intake channels, from configuration: how many reports one client address may send
 * through the public form per window, and how many and how large files a form report may carry. The servlet's
 * multipart limit (spring.servlet.multipart) stays the outer bound.
 */
@Component
public class IntakeLimits {

    private final int reportsPerClient;
    private final Duration rateWindow;
    private final int maxAttachments;
    private final long maxAttachmentBytes;
    private final long maxAttachmentsTotalBytes;
    private final long maxIodefBytes;

    public IntakeLimits(@Value("${opencirt.intake.form.reports-per-client:10}") int reportsPerClient,
            @Value("${opencirt.intake.form.rate-window:1h}") Duration rateWindow,
            @Value("${opencirt.intake.form.max-attachments:5}") int maxAttachments,
            @Value("${opencirt.intake.form.max-attachment-size:5MB}") DataSize maxAttachment,
            @Value("${opencirt.intake.form.max-attachments-total:10MB}") DataSize maxTotal,
            @Value("${opencirt.intake.iodef.max-size:10MB}") DataSize maxIodef) {
        this.reportsPerClient = reportsPerClient;
        this.rateWindow = rateWindow;
        this.maxAttachments = maxAttachments;
        this.maxAttachmentBytes = maxAttachment.toBytes();
        this.maxAttachmentsTotalBytes = maxTotal.toBytes();
        this.maxIodefBytes = maxIodef.toBytes();
    }

    public int reportsPerClient() {
        return reportsPerClient;
    }

    public Duration rateWindow() {
        return rateWindow;
    }

    public int maxAttachments() {
        return maxAttachments;
    }

    public long maxAttachmentBytes() {
        return maxAttachmentBytes;
    }

    public long maxAttachmentsTotalBytes() {
        return maxAttachmentsTotalBytes;
    }

    public long maxIodefBytes() {
        return maxIodefBytes;
    }

    /** The largest file of a form report, for the form's hint. */
    public String attachmentSizeText() {
        return readable(maxAttachmentBytes);
    }

    /** The largest total of a form report's files, for the form's hint. */
    public String attachmentsTotalText() {
        return readable(maxAttachmentsTotalBytes);
    }

    /** A size as people read it: 5 MB, 512 KB, 300 bytes. */
    public static String readable(long bytes) {
        if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MB";
        }
        if (bytes >= 1024 && bytes % 1024 == 0) {
            return bytes / 1024 + " KB";
        }
        return bytes + " bytes";
    }
}

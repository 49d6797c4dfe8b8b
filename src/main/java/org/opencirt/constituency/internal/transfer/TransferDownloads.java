package org.opencirt.constituency.internal.transfer;

import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.opencirt.constituency.ConstituencyTransfer;
import org.opencirt.constituency.ConstituencyTransfer.Dataset;
import org.opencirt.constituency.ConstituencyTransfer.Format;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;

/**
 * Sends an export as a file download, the same way for the API and the pages. The file is made before the first
 * header is set, so that a failure still gets a proper error answer instead of half a file.
 */
final class TransferDownloads {

    private TransferDownloads() {
    }

    static void write(ConstituencyTransfer transfer, Dataset dataset, Format format, HttpServletResponse response)
            throws IOException {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        transfer.export(dataset, format, file);
        response.setContentType(format.mediaType() + ";charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                .filename("opencirt-" + dataset.param() + "-" + LocalDate.now(ZoneOffset.UTC) + "."
                        + format.extension())
                .build().toString());
        response.setContentLength(file.size());
        file.writeTo(response.getOutputStream());
    }
}

package org.opencirt.pipeline.internal.source;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/** What the fetching sources share about a downloaded or attached file: a gzip file is stored unpacked. */
final class Payloads {

    private Payloads() {
    }

    /** The stream itself, or its unpacked content when it starts with the gzip magic bytes. */
    static InputStream unpacked(InputStream in) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
        buffered.mark(2);
        int first = buffered.read();
        int second = buffered.read();
        buffered.reset();
        return first == 0x1f && second == 0x8b ? new GZIPInputStream(buffered, 1 << 16) : buffered;
    }

    /** A file name without a .gz suffix when the content was unpacked. */
    static String withoutGzipSuffix(String name, InputStream content) {
        return content instanceof GZIPInputStream && name.toLowerCase().endsWith(".gz")
                ? name.substring(0, name.length() - 3) : name;
    }

    /** A short reason from an exception, for a status a person reads. */
    static String reason(Exception e) {
        String message = e.getMessage();
        String text = message == null || message.isBlank() ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + ": " + message;
        return text.length() > 2000 ? text.substring(0, 2000) : text;
    }
}

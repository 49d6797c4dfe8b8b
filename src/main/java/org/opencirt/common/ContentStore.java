package org.opencirt.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Files kept by their SHA-256 under one directory, so that raw input and attachments are written once, before
 * anything processes them, and the same content is never stored twice. Paths returned are relative to the root.
 */
public final class ContentStore {

    /** A stored file: where it is (relative), its hash and size. */
    public record Stored(String path, String sha256, long size) {
    }

    private final Path root;
    private final String area;

    /** @param area the sub-directory of {@code root} this store writes to, such as {@code reports} */
    public ContentStore(Path root, String area) {
        this.root = root;
        this.area = area;
    }

    /**
     * Streams {@code in} to disk, at most {@code maxBytes}; a larger stream is refused with an
     * {@link InvalidInputException} on {@code field}, and nothing is kept.
     */
    public Stored store(InputStream in, long maxBytes, String field) {
        Path directory = root.resolve(area);
        Path temp = null;
        try {
            Files.createDirectories(directory);
            temp = Files.createTempFile(directory, "in-", ".part");
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            long size = 0;
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(temp), sha256)) {
                byte[] buffer = new byte[16 * 1024];
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    size += read;
                    if (size > maxBytes) {
                        throw new InvalidInputException(field, "is larger than " + maxBytes + " bytes");
                    }
                    out.write(buffer, 0, read);
                }
            }
            String hash = HexFormat.of().formatHex(sha256.digest());
            String relative = area + "/" + hash.substring(0, 2) + "/" + hash;
            Path target = root.resolve(relative);
            Files.createDirectories(target.getParent());
            if (!Files.exists(target)) {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
                temp = null;
            }
            return new Stored(relative, hash, size);
        } catch (IOException e) {
            throw new UncheckedIOException("Storing " + field + " failed", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // a stray .part file is harmless
                }
            }
        }
    }

    public Stored store(byte[] bytes, String field) {
        return store(new java.io.ByteArrayInputStream(bytes), Long.MAX_VALUE, field);
    }

    /** Opens a stored file by the relative path {@link #store} returned. */
    public InputStream open(String relativePath) throws IOException {
        Path file = root.resolve(relativePath).normalize();
        if (!file.startsWith(root.normalize())) {
            throw new IllegalArgumentException("path outside the store: " + relativePath);
        }
        return Files.newInputStream(file);
    }
}

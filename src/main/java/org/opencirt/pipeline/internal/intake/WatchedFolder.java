package org.opencirt.pipeline.internal.intake;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.opencirt.common.InvalidInputException;
import org.opencirt.pipeline.Feed;
import org.opencirt.pipeline.FeedService;
import org.opencirt.pipeline.InputService;
import org.opencirt.pipeline.RawInput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The watched folder source: one inbox folder with a sub-folder per enabled feed, named as the feed. A file dropped
 * there is taken in as a raw input of that feed once it is completely written (its size and modification time
 * unchanged between two scans; names ending in {@code .part} and hidden names are never taken), then moved to the
 * feed folder's {@code processed/}, or to {@code failed/} beside a {@code .reason} file when the input is refused.
 * The move comes after the input is stored, and a file taken twice (a crash between the two) is recognised by its
 * SHA-256, so nothing is lost or taken twice, also across restarts (docs/decisions/0009).
 */
@Component
public class WatchedFolder {

    public static final String PROCESSED = "processed";
    public static final String FAILED = "failed";
    public static final String PARTIAL_SUFFIX = ".part";
    public static final String REASON_SUFFIX = ".reason";

    private static final Logger LOG = LoggerFactory.getLogger(WatchedFolder.class);
    /** Names that make a safe folder on every common file system, and are not the two result folders. */
    private static final Pattern FOLDER_NAME = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} ._+()-]{0,99}");

    private final FeedService feeds;
    private final InputService inputs;
    private final Path root;
    private final Map<Path, Snapshot> seen = new HashMap<>();
    private final Set<Path> warned = new HashSet<>();

    public WatchedFolder(FeedService feeds, InputService inputs,
            @Value("${opencirt.pipeline.watch-dir}") String root) {
        this.feeds = feeds;
        this.inputs = inputs;
        this.root = Path.of(root).toAbsolutePath().normalize();
    }

    /** What one scan did with one file: the input it became, or why it was refused. */
    public record Taken(Path file, long feedId, Long inputId, boolean duplicate, String refusal) {
    }

    private record Snapshot(long size, long modified) {
    }

    public Path root() {
        return root;
    }

    /** The feed's folder, or empty when its name cannot be a folder name (it then has no watched folder). */
    public Optional<Path> folderOf(Feed feed) {
        String name = feed.name();
        if (!FOLDER_NAME.matcher(name).matches() || name.endsWith(".") || name.equalsIgnoreCase(PROCESSED)
                || name.equalsIgnoreCase(FAILED)) {
            return Optional.empty();
        }
        return Optional.of(root.resolve(name));
    }

    @Scheduled(fixedDelayString = "${opencirt.pipeline.watch-interval:5s}",
            initialDelayString = "${opencirt.pipeline.watch-interval:5s}")
    void scheduledScan() {
        try {
            scan();
        } catch (RuntimeException e) {
            LOG.warn("Scanning the watched folder {} failed: {}", root, e.getMessage());
        }
    }

    /**
     * Looks once into every enabled feed's folder (creating it if missing) and takes in each file that has not
     * changed since the previous scan; returns what it took in.
     */
    public synchronized List<Taken> scan() {
        List<Taken> taken = new ArrayList<>();
        Set<Path> present = new HashSet<>();
        try {
            Files.createDirectories(root);
            for (Feed feed : feeds.list()) {
                Optional<Path> folder = feed.enabled() ? folderOf(feed) : Optional.empty();
                if (folder.isPresent()) {
                    scanFolder(feed, folder.get(), present, taken);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the watched folder " + root, e);
        }
        seen.keySet().retainAll(present);
        warned.retainAll(present);
        return taken;
    }

    private void scanFolder(Feed feed, Path folder, Set<Path> present, List<Taken> taken) throws IOException {
        Files.createDirectories(folder);
        List<Path> stable = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, WatchedFolder::candidate)) {
            for (Path file : files) {
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                if (!attributes.isRegularFile()) {
                    continue;
                }
                present.add(file);
                Snapshot now = new Snapshot(attributes.size(), attributes.lastModifiedTime().toMillis());
                if (now.equals(seen.put(file, now))) {
                    stable.add(file);
                }
            }
        }
        for (Path file : stable.stream().sorted().toList()) {
            takeIn(feed, folder, file).ifPresent(taken::add);
        }
    }

    private static boolean candidate(Path file) {
        String name = file.getFileName().toString();
        return !name.startsWith(".") && !name.endsWith(PARTIAL_SUFFIX) && !name.equals(PROCESSED)
                && !name.equals(FAILED);
    }

    private Optional<Taken> takeIn(Feed feed, Path folder, Path file) {
        String name = file.getFileName().toString();
        try {
            RawInput.Intake intake;
            try (InputStream in = Files.newInputStream(file)) {
                intake = inputs.receive(feed.id(), name, in, false);
            }
            Path target = moveInto(file, folder.resolve(PROCESSED));
            seen.remove(file);
            LOG.info("Watched folder: {} taken in as input {} of feed {}{}, moved to {}", name, intake.input().id(),
                    feed.name(), intake.duplicate() ? " (already received)" : "", root.relativize(target));
            return Optional.of(new Taken(file, feed.id(), intake.input().id(), intake.duplicate(), null));
        } catch (InvalidInputException refused) {
            return Optional.of(refuse(feed, folder, file, refused.getMessage()));
        } catch (IOException | RuntimeException e) {
            if (warned.add(file)) {
                LOG.warn("Watched folder: {} of feed {} not taken in yet, will retry: {}", name, feed.name(),
                        e.getMessage());
            }
            seen.remove(file);
            return Optional.empty();
        }
    }

    private Taken refuse(Feed feed, Path folder, Path file, String reason) {
        try {
            Path failed = Files.createDirectories(folder.resolve(FAILED));
            Path target = freeName(failed, file.getFileName().toString());
            Files.writeString(failed.resolve(target.getFileName() + REASON_SUFFIX), reason + "\n",
                    StandardCharsets.UTF_8);
            move(file, target);
            seen.remove(file);
            LOG.warn("Watched folder: {} of feed {} refused ({}), moved to {}", file.getFileName(), feed.name(),
                    reason, root.relativize(target));
            return new Taken(file, feed.id(), null, false, reason);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot move the refused file " + file, e);
        }
    }

    private static Path moveInto(Path file, Path directory) throws IOException {
        Files.createDirectories(directory);
        Path target = freeName(directory, file.getFileName().toString());
        move(file, target);
        return target;
    }

    /** The name in the directory, or the first of name.1, name.2, … not taken yet: nothing is overwritten. */
    private static Path freeName(Path directory, String name) {
        Path target = directory.resolve(name);
        for (int n = 1; Files.exists(target); n++) {
            target = directory.resolve(name + "." + n);
        }
        return target;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }
}

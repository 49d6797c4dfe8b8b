package org.opencirt.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;

import com.sun.management.OperatingSystemMXBean;

import org.opencirt.constituency.internal.lookup.IndexedAsset;
import org.opencirt.constituency.internal.lookup.ResponsibilityIndex;
import org.opencirt.pipeline.internal.IndexOwners;
import org.opencirt.pipeline.internal.enrich.OwnerEnricher;
import org.opencirt.pipeline.internal.enrich.OwnerLookup;
import org.opencirt.pipeline.internal.parser.FeedParser;
import org.opencirt.pipeline.internal.parser.ParseSummary;
import org.opencirt.pipeline.internal.parser.shadowserver.ShadowserverReports;
import org.opencirt.pipeline.internal.stage.EventSink;

/**
 * Checks the pipeline requirement (at least 250,000 events/s on one core for parse + harmonise + enrich): a synthetic
 * Shadowserver scan_rdp report of 2M lines, addresses about half inside the 1M-prefix constituency that
 * {@link LookupBenchmark} generates, streamed from a file through the Shadowserver parser and the owner enrichment.
 * Run it through {@code bench/pipeline.sh}, which pins it to one core.
 */
public final class PipelineBenchmark {

    static final int LINES = 2_000_000;
    private static final int ROUNDS = 3;
    private static final OperatingSystemMXBean OS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final String HEADER = "\"timestamp\",\"ip\",\"protocol\",\"port\",\"hostname\",\"tag\",\"asn\","
            + "\"geo\",\"region\",\"city\",\"rdp_protocol\",\"sector\"";

    private static volatile long blackhole;

    private PipelineBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        System.out.printf("java %s, %d CPU(s) visible, max heap %d MB%n", System.getProperty("java.vm.version"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        LookupBenchmark constituency = new LookupBenchmark();
        List<IndexedAsset> assets = constituency.generateAssets();
        ResponsibilityIndex index = ResponsibilityIndex.build(assets);
        assets = null;
        System.out.println(index + ", heap used " + (usedHeap() >> 20) + " MB");

        Path file = Files.createTempFile("2026-11-24-scan_rdp-bench-", ".csv");
        try {
            generate(constituency, file);
            System.out.printf("generated %,d lines, %,d MB: %s%n", LINES, Files.size(file) >> 20, file);
            run(index, file);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** A scan_rdp report: one line in 1,000 has an invalid port (quarantined), a quarter have a host name. */
    static void generate(LookupBenchmark constituency, Path file) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(HEADER);
            out.newLine();
            StringBuilder line = new StringBuilder(160);
            for (int i = 0; i < LINES; i++) {
                int address = constituency.ipv4Sample();
                String ip = (address >>> 24) + "." + (address >>> 16 & 0xFF) + '.' + (address >>> 8 & 0xFF) + '.'
                        + (address & 0xFF);
                int second = i % 86_400;
                line.setLength(0);
                line.append("\"2026-11-24 ").append(two(second / 3600)).append(':').append(two(second / 60 % 60))
                        .append(':').append(two(second % 60)).append("\",\"").append(ip).append("\",\"tcp\",")
                        .append(i % 1000 == 999 ? 70_000 : 3389).append(",\"")
                        .append(i % 4 == 0 ? "host-" + (address & 0xFF) + ".isp" + (i % 97) + ".example" : "")
                        .append("\",\"rdp\",").append(constituency.randomAsn())
                        .append(",\"LU\",\"LUXEMBOURG\",\"LUXEMBOURG\",\"RDP\",\"\"");
                out.append(line);
                out.newLine();
            }
        }
    }

    private static String two(int number) {
        return number < 10 ? "0" + number : Integer.toString(number);
    }

    private static void run(ResponsibilityIndex index, Path file) throws IOException {
        FeedParser parser = ShadowserverReports.load(Clock.systemUTC()).parserFor("scan_rdp");
        OwnerLookup owners = new IndexOwners(index);
        long[] quarantined = new long[1];
        EventSink end = batch -> blackhole += batch.size();

        System.out.println("warm-up pass ...");
        pass(parser, file, new OwnerEnricher(owners, end), quarantined);
        double[] parseOnly = new double[ROUNDS];
        double[] enriched = new double[ROUNDS];
        double[] wall = new double[ROUNDS];
        OwnerEnricher enricher = null;
        resetPeaks();
        for (int round = 0; round < ROUNDS; round++) {
            parseOnly[round] = pass(parser, file, end, quarantined)[0];
            enricher = new OwnerEnricher(owners, end);
            double[] rates = pass(parser, file, enricher, quarantined);
            enriched[round] = rates[0];
            wall[round] = rates[1];
            System.out.printf("round %d: parse + harmonise %,.0f events/s; + enrich %,.0f events/s (wall %,.0f)%n",
                    round + 1, parseOnly[round], enriched[round], wall[round]);
        }
        Arrays.sort(parseOnly);
        Arrays.sort(enriched);
        Arrays.sort(wall);
        long peak = peakHeap();
        System.out.println();
        System.out.println("| measure | result |");
        System.out.println("| --- | --- |");
        System.out.printf("| parse + harmonise + enrich, events/s on one core (median of %d passes of %,d lines) "
                + "| %,.0f (rounds %,.0f-%,.0f; wall clock %,.0f) |%n", ROUNDS, LINES, enriched[ROUNDS / 2],
                enriched[0], enriched[ROUNDS - 1], wall[ROUNDS / 2]);
        System.out.printf("| parse + harmonise only, events/s | %,.0f |%n", parseOnly[ROUNDS / 2]);
        System.out.printf("| events inside / outside the constituency (last pass) | %,d / %,d |%n",
                enricher.inside(), enricher.outside());
        System.out.printf("| lines quarantined per pass | %,d |%n", quarantined[0] / (2 * ROUNDS + 1));
        System.out.printf("| peak heap during the measured passes (index included) | %d MB |%n", peak >> 20);
        System.out.printf("| heap used after the passes, after GC | %d MB |%n", usedHeap() >> 20);
        System.out.println("(checksum " + blackhole + ")");
    }

    /** @return events/s per CPU second of the process, and per wall-clock second */
    private static double[] pass(FeedParser parser, Path file, EventSink sink, long[] quarantined)
            throws IOException {
        long wallStart = System.nanoTime();
        long cpuStart = OS.getProcessCpuTime();
        ParseSummary summary;
        try (InputStream in = Files.newInputStream(file)) {
            summary = parser.parse(in, sink, line -> quarantined[0]++);
        }
        long cpu = OS.getProcessCpuTime() - cpuStart;
        long wallTime = System.nanoTime() - wallStart;
        return new double[] {summary.events() * 1e9 / cpu, summary.events() * 1e9 / wallTime};
    }

    private static void resetPeaks() {
        usedHeap();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static long peakHeap() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }

}

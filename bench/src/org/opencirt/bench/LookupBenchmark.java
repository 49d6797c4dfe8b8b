package org.opencirt.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import com.sun.management.OperatingSystemMXBean;

import org.opencirt.constituency.AssetKind;
import org.opencirt.constituency.internal.lookup.IndexedAsset;
import org.opencirt.constituency.internal.lookup.Match;
import org.opencirt.constituency.internal.lookup.ResponsibilityIndex;

/**
 * Checks the responsibility-lookup requirements (1M prefixes: build under 5 s, heap under 256 MB, over 1M lookups/s on
 * one core) on a synthetic but realistic constituency: nested IPv4 allocations /16-/29, IPv6 /32-/56, ASNs and
 * domains, all loaded from text. Run it through {@code bench/lookup.sh}, which pins it to one core.
 */
public final class LookupBenchmark {

    private static final int IPV4_PARENTS = 40_000;
    private static final int IPV4_PREFIXES = 950_000;
    private static final int IPV6_PARENTS = 5_000;
    private static final int IPV6_PREFIXES = 50_000;
    private static final int ASNS = 50_000;
    private static final int DOMAINS = 200_000;
    /** Assets {@link #generateAssets(Consumer)} makes. */
    static final int ASSETS = IPV4_PREFIXES + IPV6_PREFIXES + ASNS + DOMAINS;
    /** Highest organisation id the assets refer to. */
    static final int ORGANISATIONS = Math.max((IPV4_PREFIXES - 1) / 4 + 1, Math.max(ASNS, DOMAINS));
    private static final String[] TLDS = {"lu", "de", "fr", "be", "nl", "eu", "com", "net", "org", "example"};

    private static final long WARM_UP_NANOS = 2_000_000_000L;
    private static final long ROUND_NANOS = 500_000_000L;
    private static final int ROUNDS = 5;

    /** Owned values kept as primitives (and the domain strings the index shares) to draw lookups from. */
    private final int[] ipv4Starts = new int[IPV4_PREFIXES];
    private final byte[] ipv4Lengths = new byte[IPV4_PREFIXES];
    private final long[] ipv6Highs = new long[IPV6_PREFIXES];
    private final byte[] ipv6Lengths = new byte[IPV6_PREFIXES];
    private final long[] asns = new long[ASNS];
    private final String[] domains = new String[DOMAINS];
    private final SplittableRandom random = new SplittableRandom(20261125L);

    private static final OperatingSystemMXBean OS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private static volatile long blackhole;

    /** With {@code --build-only}, stops after the build and heap figures. */
    public static void main(String[] args) {
        new LookupBenchmark().run(args);
    }

    private void run(String[] args) {
        System.out.printf("java %s, %s, %d CPU(s) visible, max heap %d MB, GC %s%n",
                System.getProperty("java.vm.version"), System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, collectors());
        long baseline = usedHeap();

        List<IndexedAsset> assets = generateAssets();
        System.out.printf("generated %,d assets as text (%,d IPv4 + %,d IPv6 prefixes, %,d ASNs, %,d domains), "
                + "%d MB%n", assets.size(), IPV4_PREFIXES, IPV6_PREFIXES, ASNS, DOMAINS, usedHeap() - baseline >> 20);

        long wallStart = System.nanoTime();
        long cpuStart = cpuNanos();
        ResponsibilityIndex index = ResponsibilityIndex.build(assets);
        String cold = millis(cpuStart, wallStart);
        System.out.println(index);
        index = null;
        usedHeap();
        wallStart = System.nanoTime();
        cpuStart = cpuNanos();
        index = ResponsibilityIndex.build(assets);
        String warm = millis(cpuStart, wallStart);
        assets = null;
        long used = usedHeap();
        long heapMb = used >> 20;
        long indexMb = (used - baseline) >> 20;

        List<String> rows = new ArrayList<>();
        rows.add(row("build from text, first (cold JIT)", cold));
        rows.add(row("build from text, second (warm JIT)", warm));
        rows.add(row("heap used after build, inputs dropped", heapMb + " MB (index about " + indexMb + " MB)"));
        rows.forEach(System.out::println);
        if (List.of(args).contains("--build-only")) {
            return;
        }

        rows.add(measureIpv4(index));
        rows.add(measureIpv4HotSet(index));
        rows.add(measureIpv6(index));
        rows.add(measureAsn(index));
        rows.add(measureDomain(index));
        rows.add(measureIpv4Text(index));
        rows.add(measureIpv6Text(index));
        rows.add(row("heap used after the lookups (matches made for prefixes hit)", (usedHeap() >> 20) + " MB"));

        System.out.println();
        System.out.println("| measure | result |");
        System.out.println("| --- | --- |");
        rows.forEach(System.out::println);
        if (List.of(args).contains("--build-only")) {
            return;
        }
        System.out.println("(checksum " + blackhole + ")");
    }

    // ---- generating the constituency as text -------------------------------------------------------------------

    /** Also used by {@link PipelineBenchmark} to build the same constituency. */
    List<IndexedAsset> generateAssets() {
        List<IndexedAsset> assets = new ArrayList<>(ASSETS);
        generateAssets(assets::add);
        return assets;
    }

    /**
     * Generates the constituency (the same on every run, given the seed), handing the assets to {@code sink} in
     * order with ids from 1, and keeps the owned values to draw lookups from. Organisation ids run from 1 to
     * {@link #ORGANISATIONS}. {@link LookupLoadBenchmark} streams them into PostgreSQL this way.
     */
    void generateAssets(Consumer<IndexedAsset> sink) {
        long id = 0;
        for (int i = 0; i < IPV4_PREFIXES; i++) {
            generateIpv4Prefix(i);
            sink.accept(new IndexedAsset(++id, i / 4 + 1, AssetKind.CIDR,
                    ipv4Text(ipv4Starts[i]) + '/' + ipv4Lengths[i]));
        }
        for (int i = 0; i < IPV6_PREFIXES; i++) {
            generateIpv6Prefix(i);
            sink.accept(new IndexedAsset(++id, i / 4 + 1, AssetKind.CIDR,
                    ipv6Text(ipv6Highs[i], 0) + '/' + ipv6Lengths[i]));
        }
        for (int i = 0; i < ASNS; i++) {
            asns[i] = randomAsn();
            sink.accept(new IndexedAsset(++id, i + 1, AssetKind.ASN, (i % 2 == 0 ? "AS" : "") + asns[i]));
        }
        for (int i = 0; i < DOMAINS; i++) {
            domains[i] = i < DOMAINS / 5 * 4
                    ? randomLabel() + '.' + TLDS[random.nextInt(TLDS.length)]
                    : randomLabel() + '.' + domains[random.nextInt(i)];
            sink.accept(new IndexedAsset(++id, i + 1, AssetKind.DOMAIN, domains[i]));
        }
    }

    /** ISP allocations /16-/20, then customers nested (often several levels) inside earlier prefixes, or alone. */
    private void generateIpv4Prefix(int i) {
        int length;
        int address;
        if (i < IPV4_PARENTS) {
            length = 16 + random.nextInt(5);
            address = randomUnicast();
        } else if (random.nextInt(10) < 8) {
            int parent = random.nextInt(i);
            while (ipv4Lengths[parent] >= 29) {
                parent = random.nextInt(i);
            }
            length = ipv4Lengths[parent] + 1 + random.nextInt(29 - ipv4Lengths[parent]);
            address = ipv4Starts[parent] | random.nextInt() & ~mask(ipv4Lengths[parent]);
        } else {
            length = 22 + random.nextInt(8);
            address = randomUnicast();
        }
        ipv4Starts[i] = address & mask(length);
        ipv4Lengths[i] = (byte) length;
    }

    /** /32 allocations in 2000::/3, /48 sites inside them, /56 inside the sites. */
    private void generateIpv6Prefix(int i) {
        if (i < IPV6_PARENTS) {
            ipv6Highs[i] = (0x2000L | random.nextInt(0x2000)) << 48 | (long) random.nextInt(0x10000) << 32;
            ipv6Lengths[i] = 32;
        } else if (i < IPV6_PREFIXES * 7 / 10) {
            ipv6Highs[i] = ipv6Highs[random.nextInt(IPV6_PARENTS)] | (long) random.nextInt(0x10000) << 16;
            ipv6Lengths[i] = 48;
        } else {
            ipv6Highs[i] = ipv6Highs[IPV6_PARENTS + random.nextInt(IPV6_PREFIXES * 7 / 10 - IPV6_PARENTS)]
                    | (long) random.nextInt(0x100) << 8;
            ipv6Lengths[i] = 56;
        }
    }

    private int randomUnicast() {
        return (1 + random.nextInt(223)) << 24 | random.nextInt(1 << 24);
    }

    long randomAsn() {
        return random.nextInt(10) < 7
                ? 1 + random.nextInt(64_495)
                : 131_072 + random.nextLong(4_199_999_999L - 131_072);
    }

    private String randomLabel() {
        char[] label = new char[5 + random.nextInt(8)];
        for (int i = 0; i < label.length; i++) {
            label[i] = "abcdefghijklmnopqrstuvwxyz0123456789".charAt(random.nextInt(i == 0 ? 26 : 36));
        }
        return new String(label);
    }

    private static int mask(int length) {
        return length == 0 ? 0 : -1 << (32 - length);
    }

    private static String ipv4Text(int address) {
        return (address >>> 24) + "." + (address >>> 16 & 0xFF) + '.' + (address >>> 8 & 0xFF) + '.' + (address & 0xFF);
    }

    private static String ipv6Text(long high, long low) {
        StringBuilder text = new StringBuilder(40);
        for (int group = 0; group < 8; group++) {
            long half = group < 4 ? high : low;
            text.append(group == 0 ? "" : ":").append(Long.toHexString(half >>> (48 - 16 * (group % 4)) & 0xFFFF));
        }
        return text.toString();
    }

    // ---- lookup samples: about half of them hit ---------------------------------------------------------------

    /** Half uniformly random, half inside a random owned prefix; also used by {@link PipelineBenchmark}. */
    int ipv4Sample() {
        if (random.nextBoolean()) {
            return random.nextInt();
        }
        int i = random.nextInt(IPV4_PREFIXES);
        return ipv4Starts[i] | random.nextInt() & ~mask(ipv4Lengths[i]);
    }

    private int[] ipv4Samples(int count) {
        int[] samples = new int[count];
        Arrays.setAll(samples, i -> ipv4Sample());
        return samples;
    }

    private String[] ipv4TextSamples(int count) {
        String[] samples = new String[count];
        Arrays.setAll(samples, i -> ipv4Text(ipv4Sample()));
        return samples;
    }

    /** Interleaved high/low halves. */
    private long[] ipv6Samples(int count) {
        long[] samples = new long[2 * count];
        for (int i = 0; i < count; i++) {
            samples[2 * i] = random.nextBoolean()
                    ? ipv6Highs[random.nextInt(IPV6_PREFIXES)] | random.nextInt(0x100)
                    : 0x2000_0000_0000_0000L | random.nextLong() >>> 3;
            samples[2 * i + 1] = random.nextLong();
        }
        return samples;
    }

    private String[] ipv6TextSamples(int count) {
        long[] halves = ipv6Samples(count);
        String[] samples = new String[count];
        Arrays.setAll(samples, i -> ipv6Text(halves[2 * i], halves[2 * i + 1]));
        return samples;
    }

    private long[] asnSamples(int count) {
        long[] samples = new long[count];
        Arrays.setAll(samples, i -> random.nextBoolean() ? asns[random.nextInt(ASNS)] : randomAsn());
        return samples;
    }

    private String[] domainSamples(int count) {
        String[] samples = new String[count];
        String[] prefixes = {"", "www.", "mail.", "vpn.a.", "x.y.z."};
        Arrays.setAll(samples, i -> prefixes[random.nextInt(prefixes.length)] + (random.nextBoolean()
                ? domains[random.nextInt(DOMAINS)]
                : randomLabel() + '.' + TLDS[random.nextInt(TLDS.length)]));
        return samples;
    }

    // ---- measuring --------------------------------------------------------------------------------------------

    // Each measurement makes its own samples, which are garbage again when it returns.

    private String measureIpv4(ResponsibilityIndex index) {
        int[] samples = ipv4Samples(1_000_000);
        return measure("IPv4 `matchIPv4(int)`", samples.length, () -> ipv4Pass(index, samples),
                hitRate(samples.length, i -> index.matchIPv4(samples[i])));
    }

    /** Incidents cluster: addresses from 1,000 prefixes, so that the data the lookups touch stays in the CPU caches. */
    private String measureIpv4HotSet(ResponsibilityIndex index) {
        int[] hot = new int[1_000];
        Arrays.setAll(hot, i -> random.nextInt(IPV4_PREFIXES));
        int[] samples = new int[1_000_000];
        Arrays.setAll(samples, i -> {
            int prefix = hot[random.nextInt(hot.length)];
            return ipv4Starts[prefix] | random.nextInt() & ~mask(ipv4Lengths[prefix]);
        });
        return measure("IPv4 `matchIPv4(int)`, addresses from 1,000 hot prefixes", samples.length,
                () -> ipv4Pass(index, samples), hitRate(samples.length, i -> index.matchIPv4(samples[i])));
    }

    private String measureIpv6(ResponsibilityIndex index) {
        long[] samples = ipv6Samples(500_000);
        return measure("IPv6 `matchIPv6(long, long)`", samples.length / 2, () -> ipv6Pass(index, samples),
                hitRate(samples.length / 2, i -> index.matchIPv6(samples[2 * i], samples[2 * i + 1])));
    }

    private String measureAsn(ResponsibilityIndex index) {
        long[] samples = asnSamples(1_000_000);
        return measure("ASN `matchAsn(long)`", samples.length, () -> asnPass(index, samples),
                hitRate(samples.length, i -> index.matchAsn(samples[i])));
    }

    private String measureDomain(ResponsibilityIndex index) {
        String[] samples = domainSamples(100_000);
        return measure("domain `matchDomain(String)`", samples.length, () -> domainPass(index, samples),
                hitRate(samples.length, i -> index.matchDomain(samples[i])));
    }

    private String measureIpv4Text(ResponsibilityIndex index) {
        String[] samples = ipv4TextSamples(100_000);
        return measure("IPv4 text `matchIp(String)`, parsing included", samples.length,
                () -> textPass(index, samples), hitRate(samples.length, i -> index.matchIp(samples[i])));
    }

    private String measureIpv6Text(ResponsibilityIndex index) {
        String[] samples = ipv6TextSamples(100_000);
        return measure("IPv6 text `matchIp(String)`, parsing included", samples.length,
                () -> textPass(index, samples), hitRate(samples.length, i -> index.matchIp(samples[i])));
    }

    private static long ipv4Pass(ResponsibilityIndex index, int[] addresses) {
        long sum = 0;
        for (int address : addresses) {
            Match match = index.matchIPv4(address);
            sum += match == null ? -1 : match.assetId();
        }
        return sum;
    }

    private static long ipv6Pass(ResponsibilityIndex index, long[] halves) {
        long sum = 0;
        for (int i = 0; i < halves.length; i += 2) {
            Match match = index.matchIPv6(halves[i], halves[i + 1]);
            sum += match == null ? -1 : match.assetId();
        }
        return sum;
    }

    private static long asnPass(ResponsibilityIndex index, long[] asns) {
        long sum = 0;
        for (long asn : asns) {
            Match match = index.matchAsn(asn);
            sum += match == null ? -1 : match.assetId();
        }
        return sum;
    }

    private static long domainPass(ResponsibilityIndex index, String[] hosts) {
        long sum = 0;
        for (String host : hosts) {
            Match match = index.matchDomain(host);
            sum += match == null ? -1 : match.assetId();
        }
        return sum;
    }

    private static long textPass(ResponsibilityIndex index, String[] addresses) {
        long sum = 0;
        for (String address : addresses) {
            Match match = index.matchIp(address);
            sum += match == null ? -1 : match.assetId();
        }
        return sum;
    }

    /**
     * Warms up, then reports the median of several rounds of whole passes. Rates are per second of this process's
     * CPU time (it is pinned to one core, so that is one core's throughput even when other work shares the core),
     * with the wall-clock rate beside them.
     */
    private static String measure(String name, int opsPerPass, LongSupplier pass, double hitRate) {
        long warmUpEnd = System.nanoTime() + WARM_UP_NANOS;
        while (System.nanoTime() < warmUpEnd) {
            blackhole += pass.getAsLong();
        }
        double[] cpuRates = new double[ROUNDS];
        double[] wallRates = new double[ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            long ops = 0;
            long wallStart = System.nanoTime();
            long cpuStart = cpuNanos();
            long cpuElapsed;
            do {
                blackhole += pass.getAsLong();
                ops += opsPerPass;
                cpuElapsed = cpuNanos() - cpuStart;
            } while (cpuElapsed < ROUND_NANOS);
            cpuRates[round] = ops * 1e9 / cpuElapsed;
            wallRates[round] = ops * 1e9 / (System.nanoTime() - wallStart);
        }
        Arrays.sort(cpuRates);
        Arrays.sort(wallRates);
        double median = cpuRates[ROUNDS / 2];
        String result = String.format(
                "%,.1f M/s (%.0f ns each; rounds %.1f-%.1f M/s; wall clock %.1f M/s; %.0f%% hits)",
                median / 1e6, 1e9 / median, cpuRates[0] / 1e6, cpuRates[ROUNDS - 1] / 1e6,
                wallRates[ROUNDS / 2] / 1e6, hitRate * 100);
        String line = row(name, result);
        System.out.println(line);
        return line;
    }

    /** CPU time of the whole process (JIT and GC threads included). */
    static long cpuNanos() {
        return OS.getProcessCpuTime();
    }

    private interface Lookup {
        Match lookup(int sample);
    }

    private static double hitRate(int count, Lookup lookup) {
        int hits = 0;
        for (int i = 0; i < count; i++) {
            hits += lookup.lookup(i) == null ? 0 : 1;
        }
        return (double) hits / count;
    }

    private static String millis(long cpuStart, long wallStart) {
        return String.format("%,d ms CPU (JIT and GC included; wall clock %,d ms)",
                (cpuNanos() - cpuStart) / 1_000_000, (System.nanoTime() - wallStart) / 1_000_000);
    }

    static String row(String name, String result) {
        return "| " + name + " | " + result + " |";
    }

    /** Heap in use after a few full collections: what is still reachable. */
    static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }

    static String collectors() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName)
                .reduce((a, b) -> a + "/" + b).orElse("?");
    }
}

package org.opencirt.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.flywaydb.core.Flyway;
import org.opencirt.constituency.internal.AssetRepository;
import org.opencirt.constituency.internal.LookupIndexHolder;
import org.opencirt.constituency.internal.LookupIndexHolder.Load;
import org.opencirt.constituency.internal.lookup.ResponsibilityIndex;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;

/**
 * Checks the load half of the responsibility-lookup requirement (1M prefixes: loaded in under 5 s within a 256 MB
 * heap) the way production loads, since building from text in memory ({@link LookupBenchmark}) leaves out the
 * database read and the JDBC driver's memory: it fills a fresh PostgreSQL schema {@value #SCHEMA} (Flyway migrations,
 * then {@code COPY}) with the same synthetic constituency as {@link LookupBenchmark}, then times
 * {@link LookupIndexHolder#load}, the very method every index rebuild runs, and drops the schema again.
 *
 * <p>The server is {@code BENCH_DATABASE_URL} (default {@value #DEFAULT_URL}) as {@code BENCH_DATABASE_USER}
 * (default {@code postgres}) with {@code BENCH_DATABASE_PASSWORD}. Run it through {@code bench/lookup-load.sh}.
 */
public final class LookupLoadBenchmark {

    static final String SCHEMA = "bench_lookup";
    static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final int LOADS = 3;
    private static final int SPARE_ORGANISATIONS = 1_000;
    private static final String CREATED_AT = "2026-11-25 00:00:00+00";

    private final PGSimpleDataSource dataSource = new PGSimpleDataSource();

    private LookupLoadBenchmark() {
        dataSource.setURL(environment("BENCH_DATABASE_URL", DEFAULT_URL));
        dataSource.setUser(environment("BENCH_DATABASE_USER", "postgres"));
        dataSource.setPassword(environment("BENCH_DATABASE_PASSWORD", ""));
        dataSource.setCurrentSchema(SCHEMA);
    }

    public static void main(String[] args) throws Exception {
        new LookupLoadBenchmark().run();
    }

    private void run() throws Exception {
        System.out.printf("java %s, %d CPU(s) visible, max heap %d MB, GC %s, database %s%n",
                System.getProperty("java.vm.version"), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, LookupBenchmark.collectors(), dataSource.getURL());
        execute("drop schema if exists " + SCHEMA + " cascade", "create schema " + SCHEMA);
        try {
            long start = System.nanoTime();
            Flyway.configure().dataSource(dataSource).schemas(SCHEMA).load().migrate();
            System.out.printf("migrated schema %s in %,d ms%n", SCHEMA, (System.nanoTime() - start) / 1_000_000);
            populate();
            measure();
        } finally {
            execute("drop schema if exists " + SCHEMA + " cascade");
            System.out.println("dropped schema " + SCHEMA);
        }
    }

    /** The organisations, then the assets, each with one {@code COPY}, streamed as they are generated. */
    private void populate() throws SQLException, IOException {
        long start = System.nanoTime();
        int organisations = LookupBenchmark.ORGANISATIONS + SPARE_ORGANISATIONS;
        copy("copy organisation (id, name, country, kind, demo, created_at, updated_at) from stdin", out -> {
            for (int id = 1; id <= organisations; id++) {
                out.append(Integer.toString(id)).append("\tOrganisation ").append(Integer.toString(id))
                        .append("\tXC\tINDUSTRY\tf\t").append(CREATED_AT).append('\t').append(CREATED_AT)
                        .append('\n');
            }
        });
        AssetRows assets = new AssetRows();
        copy("copy network_asset (id, organisation_id, kind, asset_value, demo, created_at, updated_at) from stdin",
                assets::write);
        execute("analyze organisation", "analyze network_asset");
        System.out.printf("copied %,d organisations and %,d assets (%d given to a spare organisation, as their own "
                + "already had the same value) in %,d ms%n", organisations, assets.count, assets.moved,
                (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * The assets of {@link LookupBenchmark} as {@code COPY} text. The generator can give one organisation the same
     * prefix twice, which the table's unique key forbids; such a repeat goes to a spare organisation instead.
     */
    private static final class AssetRows {
        private final Set<String> ownerValues = new HashSet<>();
        private long owner;
        private long count;
        private int moved;

        void write(Writer out) {
            new LookupBenchmark().generateAssets(asset -> {
                long organisation = asset.organisationId();
                if (organisation != owner) {
                    owner = organisation;
                    ownerValues.clear();
                }
                if (!ownerValues.add(asset.value())) {
                    if (++moved > SPARE_ORGANISATIONS) {
                        throw new IllegalStateException("more repeated values than spare organisations");
                    }
                    organisation = LookupBenchmark.ORGANISATIONS + moved;
                }
                try {
                    out.append(Long.toString(asset.assetId())).append('\t').append(Long.toString(organisation))
                            .append('\t').append(asset.kind().name()).append('\t').append(asset.value())
                            .append("\tf\t").append(CREATED_AT).append('\t').append(CREATED_AT).append('\n');
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                count++;
            });
        }
    }

    private void measure() {
        JdbcTemplate jdbcTemplate = new JdbcTemplate(dataSource);
        AssetRepository assets = new AssetRepository(JdbcClient.create(jdbcTemplate), jdbcTemplate,
                new JdbcTransactionManager(dataSource));
        List<String> rows = new ArrayList<>();
        ResponsibilityIndex index = null;
        for (int run = 1; run <= LOADS; run++) {
            index = null;
            long baseline = LookupBenchmark.usedHeap();
            ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
            long collections = collections();
            long cpuStart = LookupBenchmark.cpuNanos();
            long wallStart = System.nanoTime();

            Load load = LookupIndexHolder.load(assets);

            long wall = System.nanoTime() - wallStart;
            long cpu = LookupBenchmark.cpuNanos() - cpuStart;
            String peaks = heapPeaks();
            long gcs = collections() - collections;
            index = load.index();
            long used = LookupBenchmark.usedHeap();
            String result = String.format("read %,d ms + build %,d ms = %,d ms wall (%,d ms CPU in this JVM); "
                    + "%,d assets; heap after load %d MB (index %d MB); during load: %d GCs, peak %s",
                    load.readNanos() / 1_000_000, load.buildNanos() / 1_000_000, wall / 1_000_000,
                    cpu / 1_000_000, load.assets(), used >> 20, (used - baseline) >> 20, gcs, peaks);
            rows.add(LookupBenchmark.row("load " + run + (run == 1 ? " (cold JIT)" : ""), result));
            System.out.println(rows.get(rows.size() - 1));
        }
        System.out.println(index);
        System.out.println();
        System.out.println("| measure | result |");
        System.out.println("| --- | --- |");
        rows.forEach(System.out::println);
    }

    /** Peak use of each heap pool since the last reset; the pools peak at different moments, so never add them. */
    private static String heapPeaks() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .map(pool -> pool.getName() + " " + (pool.getPeakUsage().getUsed() >> 20) + " MB")
                .reduce((a, b) -> a + ", " + b).orElse("?");
    }

    private static long collections() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
    }

    private interface CopyWriter {
        void write(Writer out) throws IOException;
    }

    private void copy(String sql, CopyWriter rows) throws SQLException, IOException {
        try (Connection connection = dataSource.getConnection();
                Writer out = new BufferedWriter(new OutputStreamWriter(
                        new PGCopyOutputStream(connection.unwrap(PGConnection.class), sql, 1 << 16),
                        StandardCharsets.UTF_8), 1 << 16)) {
            rows.write(out);
        }
    }

    private void execute(String... statements) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static String environment(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}

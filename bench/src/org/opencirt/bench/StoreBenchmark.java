package org.opencirt.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;

import org.flywaydb.core.Flyway;
import org.opencirt.pipeline.internal.IndexOwners;
import org.opencirt.constituency.internal.lookup.IndexedAsset;
import org.opencirt.constituency.internal.lookup.ResponsibilityIndex;
import org.opencirt.pipeline.EventQuery;
import org.opencirt.pipeline.EventService;
import org.opencirt.pipeline.internal.enrich.OwnerEnricher;
import org.opencirt.pipeline.internal.parser.InputLines;
import org.opencirt.pipeline.internal.parser.FeedParser;
import org.opencirt.pipeline.internal.parser.ParseSummary;
import org.opencirt.pipeline.internal.parser.shadowserver.ShadowserverReports;
import org.opencirt.pipeline.internal.store.EventStore;
import org.opencirt.pipeline.internal.store.StoreRun;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Checks the store requirement (at least 100,000 events/s end to end on this 2-core machine): the 2M-line scan_rdp
 * report of {@link PipelineBenchmark} streamed from disk through the production path (Shadowserver parser, owner
 * enrichment against the 1M-prefix constituency, {@code EventStore} writing with COPY and committing a checkpoint
 * with every batch) into PostgreSQL, in a fresh schema migrated by Flyway and dropped afterwards. Wall-clock time.
 * Run it through {@code bench/store.sh}.
 */
public final class StoreBenchmark {

    private static final String URL = System.getenv().getOrDefault("BENCH_DATABASE_URL",
            "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String USER = System.getenv().getOrDefault("BENCH_DATABASE_USER", "postgres");
    private static final String PASSWORD = System.getenv().getOrDefault("BENCH_DATABASE_PASSWORD", "");
    private static final int ROUNDS = Integer.parseInt(System.getenv().getOrDefault("BENCH_ROUNDS", "3"));
    /** Statements (separated by ;) run in the fresh schema after the migrations: to try a variant of the table. */
    private static final String EXTRA_SQL = System.getenv().getOrDefault("BENCH_SQL", "");

    private StoreBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int commitEvents = args.length > 0 ? Integer.parseInt(args[0]) : 16_384;
        System.out.printf("java %s, %d CPU(s) visible, max heap %d MB, commit every %,d events%n",
                System.getProperty("java.vm.version"), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, commitEvents);
        LookupBenchmark constituency = new LookupBenchmark();
        List<IndexedAsset> assets = constituency.generateAssets();
        ResponsibilityIndex index = ResponsibilityIndex.build(assets);
        assets = null;
        Path file = Files.createTempFile("2026-11-24-scan_rdp-store-", ".csv");
        String schema = "bench_store_" + Long.toHexString(System.nanoTime());
        try {
            PipelineBenchmark.generate(constituency, file);
            storedPath = file.toAbsolutePath().toString();
            System.out.printf("generated %,d lines, %,d MB: %s%n", PipelineBenchmark.LINES, Files.size(file) >> 20,
                    file);
            execute("create schema " + schema);
            BackendTrackingDataSource dataSource = new BackendTrackingDataSource();
            if (System.getenv("BENCH_PG_OPTIONS") != null) {
                dataSource.setOptions(System.getenv("BENCH_PG_OPTIONS")); // e.g. -c synchronous_commit=off
            }
            dataSource.setUrl(URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema);
            dataSource.setUser(USER);
            dataSource.setPassword(PASSWORD);
            Flyway.configure().dataSource(dataSource).schemas(schema).locations("classpath:db/migration").load()
                    .migrate();
            for (String statementText : EXTRA_SQL.split(";")) {
                if (!statementText.isBlank()) {
                    try (Connection connection = dataSource.getConnection();
                            Statement statement = connection.createStatement()) {
                        statement.execute(statementText);
                        System.out.println("BENCH_SQL: " + statementText.strip());
                    }
                }
            }
            FeedParser parser = ShadowserverReports.load(Clock.systemUTC()).parserFor("scan_rdp");
            EventStore store = new EventStore(dataSource, commitEvents);
            dataSource.tracking = true;
            IndexOwners owners = new IndexOwners(index);
            try (Connection connection = dataSource.getConnection(); Statement statement =
                    connection.createStatement()) {
                statement.execute("insert into feed (name, parser, report_type, tlp, created_at, updated_at) "
                        + "values ('bench', 'shadowserver', 'scan_rdp', 'AMBER', now(), now())");
            }
            double[] rates = new double[ROUNDS];
            for (int round = 0; round < ROUNDS; round++) {
                long inputId = newInput(dataSource, round);
                long start = System.nanoTime();
                long clientCpuStart = clientCpuNanos();
                long serverCpuStart = serverCpuTicks();
                ParseSummary summary;
                long stored;
                double backendCpu;
                try (StoreRun run = store.begin(inputId, 1, 0); InputStream in = Files.newInputStream(file)) {
                    int backend = dataSource.lastBackend;
                    long backendStart = processTicks(backend);
                    summary = parser.parse(in, new OwnerEnricher(owners, run), run);
                    run.finish(summary.lines());
                    stored = run.storedEvents();
                    backendCpu = (processTicks(backend) - backendStart) / 100.0;
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                double clientCpu = (clientCpuNanos() - clientCpuStart) / 1e9;
                Thread.sleep(1_000); // outside the wall clock: lets the run's backend end and be counted
                double serverCpu = (serverCpuTicks() - serverCpuStart) / 100.0;
                rates[round] = stored / seconds;
                long counted = count(dataSource, "select count(*) from event where raw_input_id = " + inputId);
                long quarantined = count(dataSource, "select count(*) from quarantine where raw_input_id = "
                        + inputId);
                System.out.printf("round %d: %,d events stored (%,d counted), %,d quarantined in %.2f s wall: "
                        + "%,.0f events/s; CPU: client %.1f s, store backend %.1f s (%.2f us/event), all postgres "
                        + "processes %.1f s (other sessions included); load average %s%n", round + 1, stored,
                        counted, quarantined, seconds, rates[round], clientCpu, backendCpu, backendCpu * 1e6 / stored,
                        serverCpu, loadAverage());
            }
            System.out.printf("table size after %d rounds: %s%n", ROUNDS, text(dataSource,
                    "select pg_size_pretty(pg_total_relation_size('event'))"));
            if (System.getenv("BENCH_EXPORT") != null) {
                export(dataSource);
            }
            java.util.Arrays.sort(rates);
            System.out.printf("%n| end to end, file -> PostgreSQL, events/s wall clock (median of %d) | %,.0f "
                    + "(rounds %,.0f-%,.0f) |%n", ROUNDS, rates[ROUNDS / 2], rates[0], rates[ROUNDS - 1]);
        } finally {
            Files.deleteIfExists(file);
            execute("drop schema if exists " + schema + " cascade");
        }
    }

    /** Remembers the server process id of each connection it opens (the store opens one per run). */
    static final class BackendTrackingDataSource extends PGSimpleDataSource {
        volatile boolean tracking;
        volatile int lastBackend;

        @Override
        public Connection getConnection() throws SQLException {
            Connection connection = super.getConnection();
            if (tracking) {
                try (Statement statement = connection.createStatement();
                        ResultSet rs = statement.executeQuery("select pg_backend_pid()")) {
                    rs.next();
                    lastBackend = rs.getInt(1);
                }
            }
            return connection;
        }
    }

    /** User + system CPU ticks (1/100 s) of one process, 0 when it is gone. */
    private static long processTicks(int pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }

    /** CPU time of this process (all threads, JIT and GC included). */
    private static long clientCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** User + system CPU ticks (1/100 s) of every postgres process on this machine (backend, WAL writer...), including
     * ended backends (in the postmaster's children times). */
    private static long serverCpuTicks() {
        long ticks = 0;
        java.io.File[] processes = new java.io.File("/proc").listFiles((dir, name) -> name.matches("\\d+"));
        if (processes == null) {
            return 0;
        }
        for (java.io.File process : processes) {
            try {
                String stat = Files.readString(process.toPath().resolve("stat"));
                int close = stat.lastIndexOf(')');
                if (!stat.substring(stat.indexOf('(') + 1, close).startsWith("postgres")) {
                    continue;
                }
                String[] fields = stat.substring(close + 2).split(" ");
                ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13])
                        + Long.parseLong(fields[14]); // own and reaped children (ended backends)
            } catch (IOException | RuntimeException gone) {
                // the process ended meanwhile
            }
        }
        return ticks;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).substring(0, 14).trim();
        } catch (IOException e) {
            return "?";
        }
    }

    /** The generated report, as the stored input of every round (exports read raw lines back from it). */
    private static String storedPath = "none";

    /** Every stored event exported as IntelMQ JSON lines through EventService, raw lines read back from the file. */
    private static void export(PGSimpleDataSource dataSource) {
        EventService events = new EventService(JdbcClient.create(dataSource), new JdbcTemplate(dataSource),
                new InputLines(), ".");
        long[] bytes = new long[1];
        OutputStream counting = new OutputStream() {
            @Override
            public void write(int b) {
                bytes[0]++;
            }

            @Override
            public void write(byte[] b, int off, int len) {
                bytes[0] += len;
            }
        };
        EventQuery all = new EventQuery(null, null, null, null, null);
        long start = System.nanoTime();
        long cpuStart = clientCpuNanos();
        new TransactionTemplate(new DataSourceTransactionManager(dataSource)).executeWithoutResult(status ->
                events.export(all, new EventService.Scope(null, true), false, counting)); // a cursor needs one
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("export as IntelMQ JSON lines, raw read back from the file: %,d MB in %.2f s wall, client "
                + "CPU %.1f s%n", bytes[0] >> 20, seconds, (clientCpuNanos() - cpuStart) / 1e9);
    }

    private static long newInput(PGSimpleDataSource dataSource, int round) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("insert into raw_input (feed_id, file_name, size_bytes, sha256, "
                        + "stored_path, received_at, state) values (1, 'bench.csv', 0, '" + round
                        + "', '" + storedPath + "', now(), 'processing') returning id")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long count(PGSimpleDataSource dataSource, String sql) throws SQLException {
        return Long.parseLong(text(dataSource, sql));
    }

    private static String text(PGSimpleDataSource dataSource, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(URL, USER, PASSWORD);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}

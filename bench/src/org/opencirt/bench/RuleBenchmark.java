package org.opencirt.bench;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.flywaydb.core.Flyway;
import org.opencirt.pipeline.internal.IndexOwners;
import org.opencirt.constituency.internal.lookup.IndexedAsset;
import org.opencirt.constituency.internal.lookup.ResponsibilityIndex;
import org.opencirt.pipeline.PipelineRule;
import org.opencirt.pipeline.internal.enrich.OwnerEnricher;
import org.opencirt.pipeline.internal.parser.FeedParser;
import org.opencirt.pipeline.internal.parser.ParseSummary;
import org.opencirt.pipeline.internal.parser.shadowserver.ShadowserverReports;
import org.opencirt.pipeline.internal.rules.CompiledRules;
import org.opencirt.pipeline.internal.rules.JdbcRuleLedger;
import org.opencirt.pipeline.internal.rules.RuleStage;
import org.opencirt.pipeline.internal.stage.EventSink;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What a de-duplication rule costs: the report of {@link PipelineBenchmark} (2M lines) parsed and enriched as there,
 * then through the rule stage with one {@code deduplicate} rule (key source.ip, source.port; 24h) whose ledger is
 * PostgreSQL (a fresh schema, one connection), into a counting sink. Pass 1: the first input (new keys inserted);
 * pass 2: the same report as a second input (every event a repeat, counted into the kept events); pass 0: the same
 * without the rule stage, for comparison. Wall clock; run through {@code bench/rules.sh}.
 */
public final class RuleBenchmark {

    private static final String URL = System.getenv().getOrDefault("BENCH_DATABASE_URL",
            "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String USER = System.getenv().getOrDefault("BENCH_DATABASE_USER", "postgres");
    private static final String PASSWORD = System.getenv().getOrDefault("BENCH_DATABASE_PASSWORD", "");

    private static long counted;

    private RuleBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        LookupBenchmark constituency = new LookupBenchmark();
        List<IndexedAsset> assets = constituency.generateAssets();
        ResponsibilityIndex index = ResponsibilityIndex.build(assets);
        assets = null;
        Path file = Files.createTempFile("2026-11-24-scan_rdp-rules-", ".csv");
        String schema = "bench_rules_" + Long.toHexString(System.nanoTime());
        try {
            PipelineBenchmark.generate(constituency, file);
            execute("create schema " + schema);
            PGSimpleDataSource pg = new PGSimpleDataSource();
            pg.setUrl(URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema);
            pg.setUser(USER);
            pg.setPassword(PASSWORD);
            Flyway.configure().dataSource(pg).schemas(schema).locations("classpath:db/migration").load().migrate();
            SingleConnectionDataSource dataSource = new SingleConnectionDataSource(pg.getConnection(), true);
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
            jdbc.update("insert into feed (name, parser, report_type, tlp, created_at, updated_at)"
                    + " values ('bench', 'shadowserver', 'scan_rdp', 'AMBER', now(), now())");
            Instant now = Instant.now();
            CompiledRules rules = CompiledRules.compile(List.of(new PipelineRule(1, "dedup", null, 1, "deduplicate",
                    List.of(), List.of("source.ip", "source.port"), "PT24H", null, null, true, now, now)), id -> null);
            FeedParser parser = ShadowserverReports.load(Clock.systemUTC()).parserFor("scan_rdp");
            IndexOwners owners = new IndexOwners(index);
            EventSink count = batch -> counted += batch.size();

            for (int pass = 0; pass <= 2; pass++) {
                long inputId = jdbc.queryForObject("insert into raw_input (feed_id, file_name, size_bytes, sha256,"
                        + " stored_path, received_at, state) values (1, 'bench.csv', 0, ?, 'none', now(), 'processing')"
                        + " returning id", Long.class, "pass-" + pass);
                RuleStage stage = new RuleStage(rules, new JdbcRuleLedger(jdbc, transactions, inputId, 0, false),
                        line -> true, count);
                counted = 0;
                long start = System.nanoTime();
                ParseSummary summary;
                try (InputStream in = Files.newInputStream(file)) {
                    summary = parser.parse(in, new OwnerEnricher(owners, pass == 0 ? count : stage), line -> { });
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("pass %d (%s): %,d events in %.2f s: %,.0f events/s; passed on %,d, repeats %,d"
                        + "; load average %s%n", pass, pass == 0 ? "no rule stage" : pass == 1 ? "first input"
                        : "same report again", summary.events(), seconds, summary.events() / seconds, counted,
                        pass == 0 ? 0 : stage.repeated(), Files.readString(Path.of("/proc/loadavg")).substring(0, 14));
            }
            System.out.printf("dedup_state rows %,d, event_repeat rows %,d, tables %s%n",
                    jdbc.queryForObject("select count(*) from dedup_state", Long.class),
                    jdbc.queryForObject("select count(*) from event_repeat", Long.class),
                    jdbc.queryForObject("select pg_size_pretty(pg_total_relation_size('dedup_state')"
                            + " + pg_total_relation_size('event_repeat'))", String.class));
            dataSource.destroy();
        } finally {
            Files.deleteIfExists(file);
            execute("drop schema if exists " + schema + " cascade");
        }
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(URL, USER, PASSWORD);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}

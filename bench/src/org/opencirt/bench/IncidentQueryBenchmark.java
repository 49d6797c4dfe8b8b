package org.opencirt.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Times the incident list of the running application over real HTTP, as an analyst and as constituents (so the
 * access rule is part of every query): a mix of filters, full-text searches, sorts and pages against the data of
 * {@link IncidentGenerator}. One client, one request at a time; per query kind the p50/p95/p99 of the wall-clock
 * time from sending the request to having read the whole response, after a warm-up. Run it through
 * {@code bench/incidents.sh}.
 */
public final class IncidentQueryBenchmark {

    private static final Pattern TOTAL = Pattern.compile("\"total\":(\\d+)");
    private static final Pattern TOKEN = Pattern.compile("\"token\":\"([^\"]+)\"");
    private static final String[] STATES = {"NEW", "TRIAGE", "IN_PROGRESS", "WAITING_FOR_CONSTITUENT", "CONTAINED",
        "RESOLVED", "CLOSED"};
    private static final String[] SEVERITIES = {"LOW", "MEDIUM", "HIGH", "CRITICAL"};
    private static final String[] TLPS = {"CLEAR", "GREEN", "AMBER", "AMBER+STRICT", "RED"};
    private static final String[] CLASSES = {"fraud", "malicious-code", "vulnerable", "intrusions", "availability"};
    private static final String[] TYPES = {"phishing", "scanner", "infected-system", "vulnerable-system", "ddos",
        "spam", "brute-force", "data-leak", "sabotage", "copyright"};

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final IncidentText text = new IncidentText(IncidentGenerator.SEED);
    private final List<Long> sectors = new ArrayList<>();
    private final List<Long> teams = new ArrayList<>();
    private final List<Long> analysts = new ArrayList<>();
    private final List<Long> busyOrganisations = new ArrayList<>();
    private final List<Long> organisations = new ArrayList<>();

    /** A kind of query: who asks and how its path is drawn. */
    private record Kind(String name, String token, Function<SplittableRandom, String> path, long[] nanos,
            long[] totals, String[] paths) {
    }

    private IncidentQueryBenchmark(String base) {
        this.base = base;
    }

    public static void main(String[] args) throws Exception {
        String base = IncidentGenerator.env("BENCH_URL", "http://127.0.0.1:18474");
        int runs = Integer.parseInt(IncidentGenerator.env("BENCH_RUNS", "200"));
        int warmup = Integer.parseInt(IncidentGenerator.env("BENCH_WARMUP", "20"));
        String password = IncidentGenerator.env("OPENCIRT_DEMO_PASSWORD", "bench-password-2026");
        IncidentQueryBenchmark bench = new IncidentQueryBenchmark(base);
        bench.parameters(IncidentGenerator.env("BENCH_DATABASE_URL", "jdbc:postgresql://127.0.0.1:5432/opencirt_bench"),
                IncidentGenerator.env("BENCH_DATABASE_USER", "postgres"),
                IncidentGenerator.env("BENCH_DATABASE_PASSWORD", ""));
        String filter = args.length > 0 ? args[0] : "";
        bench.run(password, runs, warmup, filter);
    }

    private void run(String password, int runs, int warmup, String filter) throws Exception {
        String analyst = token("analyst", password);
        String constituent = token("constituent", password);
        String small = token(IncidentGenerator.SMALL_CONSTITUENT, password);
        List<Kind> kinds = new ArrayList<>(kinds(analyst, constituent, small, runs));
        kinds.removeIf(kind -> !kind.name().contains(filter));
        System.out.printf("queries: %d kinds, %d warm-up and %d measured runs each, load average %s%n", kinds.size(),
                warmup, runs, loadAverage());
        SplittableRandom random = new SplittableRandom(IncidentGenerator.SEED + 1);
        for (Kind kind : kinds) {
            for (int i = 0; i < warmup; i++) {
                get(kind.token(), kind.path().apply(random));
            }
        }
        System.out.printf("queries: warm-up done, load average %s%n", loadAverage());
        long start = System.nanoTime();
        for (int run = 0; run < runs; run++) {
            List<Kind> order = new ArrayList<>(kinds);
            java.util.Collections.shuffle(order, new java.util.Random(random.nextLong()));
            for (Kind kind : order) {
                String path = kind.path().apply(random);
                long begin = System.nanoTime();
                String body = get(kind.token(), path);
                kind.nanos()[run] = System.nanoTime() - begin;
                kind.paths()[run] = path;
                Matcher total = TOTAL.matcher(body);
                kind.totals()[run] = total.find() ? Long.parseLong(total.group(1)) : -1;
            }
        }
        System.out.printf("queries: %d requests in %.1f s, load average %s%n%n", runs * kinds.size(),
                (System.nanoTime() - start) / 1e9, loadAverage());
        System.out.println("| query | example | p50 ms | p95 ms | p99 ms | max ms | mean total | p95 < 100 ms |");
        System.out.println("| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |");
        int met = 0;
        for (Kind kind : kinds) {
            long[] sorted = kind.nanos().clone();
            Arrays.sort(sorted);
            double p95 = percentile(sorted, 0.95);
            met += p95 < 100 ? 1 : 0;
            System.out.printf("| %s | `%s` | %.1f | %.1f | %.1f | %.1f | %,.0f | %s |%n", kind.name(),
                    kind.path().apply(new SplittableRandom(7)).replace("/api/v1/incidents", ""),
                    percentile(sorted, 0.5), p95, percentile(sorted, 0.99), sorted[sorted.length - 1] / 1e6,
                    Arrays.stream(kind.totals()).average().orElse(0), p95 < 100 ? "yes" : "**no**");
        }
        System.out.printf("%n%d of %d query kinds answer at p95 under 100 ms%n%nslowest request of each kind:%n", met,
                kinds.size());
        for (Kind kind : kinds) {
            int slowest = 0;
            for (int run = 1; run < runs; run++) {
                slowest = kind.nanos()[run] > kind.nanos()[slowest] ? run : slowest;
            }
            System.out.printf("  %-32s %7.1f ms  %s (total %,d)%n", kind.name(), kind.nanos()[slowest] / 1e6,
                    kind.paths()[slowest].replace("/api/v1/incidents", ""), kind.totals()[slowest]);
        }
    }

    private List<Kind> kinds(String analyst, String constituent, String small, int runs) {
        List<Kind> kinds = new ArrayList<>();
        Instant now = Instant.now().truncatedTo(ChronoUnit.DAYS);
        String list = "/api/v1/incidents";
        add(kinds, runs, "default list, newest first", analyst, r -> list);
        add(kinds, runs, "state", analyst, r -> list + "?state=" + pick(r, STATES));
        add(kinds, runs, "open states (3)", analyst, r -> list + "?state=NEW&state=TRIAGE&state=IN_PROGRESS");
        add(kinds, runs, "severity + state", analyst, r -> list + "?severity=" + pick(r, SEVERITIES) + "&state="
                + pick(r, STATES));
        add(kinds, runs, "classification (type or class)", analyst, r -> list + "?classification="
                + (r.nextBoolean() ? pick(r, TYPES) : pick(r, CLASSES)));
        add(kinds, runs, "organisation", analyst, r -> list + "?organisationId=" + organisation(r));
        add(kinds, runs, "sector", analyst, r -> list + "?sectorId=" + sectors.get(r.nextInt(sectors.size())));
        add(kinds, runs, "team", analyst, r -> list + "?teamId=" + teams.get(r.nextInt(teams.size())));
        add(kinds, runs, "assignee", analyst, r -> list + "?assigneeId=" + analysts.get(r.nextInt(analysts.size())));
        add(kinds, runs, "TLP", analyst, r -> list + "?tlp=" + encode(pick(r, TLPS)));
        add(kinds, runs, "date range (30 days)", analyst, r -> {
            Instant from = now.minus(Duration.ofDays(30 + r.nextInt(3 * 365 - 30)));
            return list + "?createdFrom=" + from + "&createdTo=" + from.plus(Duration.ofDays(30));
        });
        add(kinds, runs, "overdue", analyst, r -> list + "?overdue=true");
        add(kinds, runs, "text, frequent word", analyst, r -> list + "?q=" + text.securityWord(r.nextInt(30)));
        add(kinds, runs, "text, rare word", analyst, r -> list + "?q=" + text.word(1_000 + r.nextInt(29_000)));
        add(kinds, runs, "text, two words", analyst, r -> list + "?q=" + text.securityWord(r.nextInt(60)) + "+"
                + text.word(100 + r.nextInt(2_000)));
        add(kinds, runs, "text + state + severity", analyst, r -> list + "?q=" + text.securityWord(r.nextInt(60))
                + "&state=" + pick(r, STATES) + "&severity=" + pick(r, SEVERITIES));
        add(kinds, runs, "text + sector + date range", analyst, r -> {
            Instant from = now.minus(Duration.ofDays(90 + r.nextInt(3 * 365 - 90)));
            return list + "?q=" + text.securityWord(r.nextInt(60)) + "&sectorId=" + sectors.get(r.nextInt(
                    sectors.size())) + "&createdFrom=" + from + "&createdTo=" + from.plus(Duration.ofDays(90));
        });
        add(kinds, runs, "sort by severity", analyst, r -> list + "?sort=severity");
        add(kinds, runs, "sort by due, open states", analyst, r -> list + "?sort=due&state=IN_PROGRESS"
                + "&state=WAITING_FOR_CONSTITUENT");
        add(kinds, runs, "sort by due", analyst, r -> list + "?sort=due");
        add(kinds, runs, "deep page (20-200)", analyst, r -> list + "?page=" + (20 + r.nextInt(181)));
        add(kinds, runs, "constituent (big org): list", constituent, r -> list);
        add(kinds, runs, "constituent (big org): state", constituent, r -> list + "?state=" + pick(r, STATES));
        add(kinds, runs, "constituent (big org): text", constituent, r -> list + "?q="
                + text.securityWord(r.nextInt(60)));
        add(kinds, runs, "constituent (small org): list", small, r -> list);
        add(kinds, runs, "constituent (small org): text", small, r -> list + "?q=" + text.securityWord(r.nextInt(60)));
        return kinds;
    }

    private static void add(List<Kind> kinds, int runs, String name, String token,
            Function<SplittableRandom, String> path) {
        kinds.add(new Kind(name, token, path, new long[runs], new long[runs], new String[runs]));
    }

    /** Half the time one of the 20 organisations with most incidents, else any. */
    private long organisation(SplittableRandom random) {
        return random.nextBoolean() ? busyOrganisations.get(random.nextInt(busyOrganisations.size()))
                : organisations.get(random.nextInt(organisations.size()));
    }

    private void parameters(String url, String user, String password) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, password);
                Statement statement = connection.createStatement()) {
            fill(statement, "select id from sector order by id", sectors);
            fill(statement, "select distinct handling_team_id from incident where handling_team_id is not null"
                    + " and id < 100000 order by 1", teams);
            fill(statement, "select id from app_user where role = 'ANALYST' order by id", analysts);
            fill(statement, "select organisation_id from incident_organisation group by organisation_id"
                    + " order by count(*) desc limit 20", busyOrganisations);
            fill(statement, "select id from organisation where country = 'XC' order by id", organisations);
        }
    }

    private static void fill(Statement statement, String sql, List<Long> into) throws SQLException {
        try (ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                into.add(rs.getLong(1));
            }
        }
    }

    private String token(String username, String password) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/tokens"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((username + ":" + password)
                        .getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"bench " + Instant.now() + "\",\"validDays\":1}"))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        Matcher token = TOKEN.matcher(response.body());
        if (response.statusCode() != 201 || !token.find()) {
            throw new IllegalStateException("no token for " + username + ": " + response.statusCode() + " "
                    + response.body());
        }
        return token.group(1);
    }

    private String get(String token, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                .header("Accept", "application/json").GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + ": " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    private static double percentile(long[] sorted, double p) {
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    private static String pick(SplittableRandom random, String[] values) {
        return values[random.nextInt(values.length)];
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).substring(0, 14).trim();
        } catch (IOException e) {
            return "?";
        }
    }
}

package org.opencirt.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.opencirt.common.Rsit;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;

/**
 * Fills an OpenCIRT PostgreSQL database, already migrated by the application (Flyway) and holding the demo country,
 * with a realistic incident history for {@link IncidentQueryBenchmark}: by default 1,000,000 incidents over three
 * years with their affected organisations, TLP:RED recipients, observables and tasks, written with {@code COPY}
 * (indexes dropped during the load and built again afterwards, then {@code VACUUM ANALYZE}). It adds organisations
 * (2,000 in all), 40 analysts and a constituent of a small organisation first. Everything it writes is marked demo.
 * Deterministic for a given seed. Run it through {@code bench/incidents.sh}.
 */
public final class IncidentGenerator {

    static final long SEED = 20261126L;
    static final int ORGANISATIONS = 2_000;
    static final int ANALYSTS = 40;
    static final String SMALL_CONSTITUENT = "constituent-small";
    private static final String[] TABLES = {"incident", "incident_organisation", "incident_recipient", "observable",
        "incident_task"};

    private final String url;
    private final String user;
    private final String password;
    private final int incidents;
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final SplittableRandom random = new SplittableRandom(SEED);
    private final IncidentText text = new IncidentText(SEED);

    private final List<Org> organisations = new ArrayList<>();
    private final Map<Long, Team> sectoralTeams = new LinkedHashMap<>();
    private final List<Person> analysts = new ArrayList<>();
    private Team national;
    private Zipf organisationPick;
    private Zipf analystPick;

    record Org(long id, String name, Long sectorId) {
    }

    record Team(long id, String name) {
    }

    record Person(long id, String username, String name) {
    }

    private IncidentGenerator(String url, String user, String password, int incidents) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.incidents = incidents;
    }

    public static void main(String[] args) throws Exception {
        String url = env("BENCH_DATABASE_URL", "jdbc:postgresql://127.0.0.1:5432/opencirt_bench");
        int count = Integer.parseInt(env("BENCH_INCIDENTS", "1000000"));
        new IncidentGenerator(url, env("BENCH_DATABASE_USER", "postgres"), env("BENCH_DATABASE_PASSWORD", ""), count)
                .run(env("OPENCIRT_DEMO_PASSWORD", "bench-password-2026"));
    }

    private void run(String userPassword) throws Exception {
        try (Connection connection = connect()) {
            // the demo installation brings a few demo incidents of its own; only generated ones count here
            long existing = count(connection, "select count(*) from incident where demo = false");
            if (existing >= incidents) {
                System.out.printf("generator: %,d incidents already there, nothing to do%n", existing);
                return;
            }
            if (existing > 0) {
                throw new IllegalStateException(existing + " incidents already in the database and fewer than "
                        + incidents + ": start from a fresh database (BENCH_FRESH=1 bench/incidents.sh)");
            }
            long start = System.nanoTime();
            constituency(connection);
            people(connection, userPassword);
            System.out.printf("generator: %,d organisations, %d sectoral teams, %d analysts%n", organisations.size(),
                    sectoralTeams.size(), analysts.size());
            List<String> indexes = dropIndexes(connection);
            long loadStart = System.nanoTime();
            load();
            System.out.printf("generator: COPY of %,d incidents and their rows in %.1f s%n", incidents,
                    (System.nanoTime() - loadStart) / 1e9);
            long indexStart = System.nanoTime();
            try (Statement statement = connection.createStatement()) {
                statement.execute("set maintenance_work_mem = '512MB'");
                for (String index : indexes) {
                    statement.execute(index);
                }
                statement.execute("select setval(pg_get_serial_sequence('incident', 'id'), (select max(id) from incident))");
                statement.execute("select setval(pg_get_serial_sequence('observable', 'id'), (select max(id) from observable))");
                statement.execute("select setval(pg_get_serial_sequence('incident_task', 'id'), (select max(id) from incident_task))");
            }
            System.out.printf("generator: %d indexes built in %.1f s%n", indexes.size(),
                    (System.nanoTime() - indexStart) / 1e9);
            long vacuumStart = System.nanoTime();
            try (Statement statement = connection.createStatement()) {
                for (String table : TABLES) {
                    statement.execute("vacuum analyze " + table);
                }
            }
            System.out.printf("generator: vacuum analyze in %.1f s; total %.1f s%n",
                    (System.nanoTime() - vacuumStart) / 1e9, (System.nanoTime() - start) / 1e9);
            try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(
                    "select relname, n_live_tup, pg_size_pretty(pg_total_relation_size(relid)) from pg_stat_user_tables"
                            + " where relname in ('incident', 'incident_organisation', 'incident_recipient',"
                            + " 'observable', 'incident_task') order by relname")) {
                while (rs.next()) {
                    System.out.printf("generator: %-22s %,11d rows %10s with indexes%n", rs.getString(1), rs.getLong(2),
                            rs.getString(3));
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- constituency

    /** The demo country's sectors, organisations and teams, plus generated organisations up to 2,000. */
    private void constituency(Connection connection) throws SQLException {
        List<Long> sectors = new ArrayList<>();
        try (Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery("select id from sector order by id")) {
                while (rs.next()) {
                    sectors.add(rs.getLong(1));
                }
            }
            try (ResultSet rs = statement.executeQuery(
                    "select id, name, kind, sector_id from team where country = 'XC' order by id")) {
                while (rs.next()) {
                    Team team = new Team(rs.getLong(1), rs.getString(2));
                    if ("NATIONAL_CIRT".equals(rs.getString(3))) {
                        national = team;
                    } else if ("SECTORAL_CIRT".equals(rs.getString(3))) {
                        sectoralTeams.put(rs.getLong(4), team);
                    }
                }
            }
        }
        if (national == null || sectors.isEmpty()) {
            throw new IllegalStateException("no national CIRT or sectors: start the application once with "
                    + "opencirt.demo-data=true so that the demo country is loaded");
        }
        long existing = count(connection, "select count(*) from organisation where country = 'XC'");
        if (existing < ORGANISATIONS) {
            try (PreparedStatement insert = connection.prepareStatement("insert into organisation (name, short_name,"
                    + " sector_id, country, kind, demo, created_at, updated_at) values (?, ?, ?, 'XC', ?, true, now(),"
                    + " now()) on conflict (name) do nothing")) {
                String[] kinds = {"INDUSTRY", "GOVERNMENT", "INDUSTRY", "ACADEMIA", "OTHER"};
                for (int i = 0; i < ORGANISATIONS - existing; i++) {
                    long sector = sectors.get(random.nextInt(sectors.size()));
                    String name = text.organisationName(i);
                    insert.setString(1, name);
                    insert.setString(2, name.length() > 40 ? name.substring(0, 40) : name);
                    insert.setLong(3, sector);
                    insert.setString(4, kinds[random.nextInt(kinds.length)]);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
        // the demo bank (the demo constituent's organisation) is the fifth busiest: Zipf gives it about 2.4%
        long bank = constituentOrganisation(connection, "constituent");
        Org bankOrg = null;
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(
                "select id, name, sector_id from organisation where country = 'XC' order by id")) {
            while (rs.next()) {
                Org org = new Org(rs.getLong(1), rs.getString(2), (Long) rs.getObject(3));
                if (org.id() == bank) {
                    bankOrg = org;
                } else {
                    organisations.add(org);
                }
            }
        }
        shuffle(organisations);
        organisations.add(4, bankOrg);
        organisationPick = new Zipf(organisations.size(), 1.0);
    }

    private long constituentOrganisation(Connection connection, String username) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "select organisation_id from app_user where username = ?")) {
            query.setString(1, username);
            try (ResultSet rs = query.executeQuery()) {
                if (!rs.next() || rs.getObject(1) == null) {
                    throw new IllegalStateException("no demo user " + username + " with an organisation");
                }
                return rs.getLong(1);
            }
        }
    }

    /** 40 analysts (the demo analyst among them) and a constituent of one of the smallest organisations. */
    private void people(Connection connection, String userPassword) throws SQLException {
        String hash = PasswordEncoderFactories.createDelegatingPasswordEncoder().encode(userPassword);
        try (PreparedStatement insert = connection.prepareStatement("insert into app_user (username, display_name,"
                + " email, password_hash, role, organisation_id, created_at) values (?, ?, ?, ?, ?, ?, now())"
                + " on conflict (username) do nothing")) {
            for (int i = 1; i < ANALYSTS; i++) {
                String username = String.format("analyst%02d", i);
                insert.setString(1, username);
                insert.setString(2, text.personName(i));
                insert.setString(3, username + "@cirt.xc");
                insert.setString(4, hash);
                insert.setString(5, "ANALYST");
                insert.setObject(6, null);
                insert.addBatch();
            }
            Org small = organisations.get(organisations.size() - 1);
            insert.setString(1, SMALL_CONSTITUENT);
            insert.setString(2, "Bench constituent (" + small.name() + ")");
            insert.setString(3, SMALL_CONSTITUENT + "@demo.xc");
            insert.setString(4, hash);
            insert.setString(5, "CONSTITUENT");
            insert.setLong(6, small.id());
            insert.addBatch();
            insert.executeBatch();
        }
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(
                "select id, username, display_name from app_user where role = 'ANALYST' order by id")) {
            while (rs.next()) {
                analysts.add(new Person(rs.getLong(1), rs.getString(2), rs.getString(3)));
            }
        }
        // the demo analyst is the third busiest
        Person demo = analysts.stream().filter(p -> p.username().equals("analyst")).findFirst().orElseThrow();
        analysts.remove(demo);
        analysts.add(2, demo);
        analystPick = new Zipf(analysts.size(), 0.8);
    }

    // ---------------------------------------------------------------------------------------------- the load

    private List<String> dropIndexes(Connection connection) throws SQLException {
        List<String> definitions = new ArrayList<>();
        List<String> names = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(
                "select indexname, indexdef from pg_indexes i where schemaname = current_schema()"
                        + " and tablename in ('incident', 'incident_organisation', 'incident_recipient', 'observable',"
                        + " 'incident_task') and not exists (select 1 from pg_constraint c where c.conname = i.indexname)"
                        + " order by tablename, indexname")) {
            while (rs.next()) {
                names.add(rs.getString(1));
                definitions.add(rs.getString(2));
            }
        }
        try (Statement statement = connection.createStatement()) {
            for (String name : names) {
                statement.execute("drop index " + name);
            }
        }
        return definitions;
    }

    /** One COPY per table, on five connections written in step, so the server's backends work side by side. */
    private void load() throws Exception {
        List<Connection> connections = new ArrayList<>();
        try {
            for (int i = 0; i < TABLES.length; i++) {
                Connection connection = connect();
                try (Statement statement = connection.createStatement()) {
                    // bench data is consistent by construction: skip the foreign-key triggers during the load
                    statement.execute("set session_replication_role = replica");
                }
                connections.add(connection);
            }
            // generated ids follow those of the demo installation's own incidents, observables and tasks
            long base = count(connections.get(0), "select coalesce(max(id), 0) from incident");
            observableId = count(connections.get(0), "select coalesce(max(id), 0) from observable");
            taskId = count(connections.get(0), "select coalesce(max(id), 0) from incident_task");
            try (Writer incident = copy(connections.get(0), "copy incident (id, title, description,"
                    + " classification_taxonomy, classification_type, severity, impact, tlp, pap, state, handling_team_id,"
                    + " handling_team_name, assignee_id, assignee_name, tags, created_by_id, created_by, created_at,"
                    + " updated_at, response_due, resolution_due, first_response_at, resolved_at, closed_at, escalated_at,"
                    + " organisation_ids, sector_ids, demo) from stdin");
                    Writer affected = copy(connections.get(1), "copy incident_organisation (incident_id,"
                            + " organisation_id, organisation_name, sector_id) from stdin");
                    Writer recipient = copy(connections.get(2), "copy incident_recipient (incident_id, user_id) from stdin");
                    Writer observable = copy(connections.get(3), "copy observable (id, incident_id, type, observed_value,"
                            + " value_key, ioc, description, first_seen, last_seen, owner_id, owner_name, created_at)"
                            + " from stdin");
                    Writer task = copy(connections.get(4), "copy incident_task (id, incident_id, title, description,"
                            + " assignee_id, assignee_name, due_at, status, created_at, updated_at, done_at) from stdin")) {
                Rows rows = new Rows(incident, affected, recipient, observable, task);
                Instant first = now.minus(Duration.ofDays(3 * 365));
                long span = Duration.between(first, now).getSeconds();
                for (int i = 0; i < incidents; i++) {
                    // ids follow time; the rate grows over the three years (u^0.8)
                    double u = (i + random.nextDouble()) / incidents;
                    Instant created = first.plusSeconds((long) (span * Math.pow(u, 0.8)));
                    incident(rows, base + i + 1, created);
                    if ((i + 1) % 100_000 == 0) {
                        System.out.printf("generator: %,d incidents written%n", i + 1);
                    }
                }
            }
        } finally {
            for (Connection connection : connections) {
                connection.close();
            }
        }
    }

    private record Rows(Writer incident, Writer affected, Writer recipient, Writer observable, Writer task) {
    }

    private long observableId;
    private long taskId;
    private final MessageDigest sha256 = sha256();

    private void incident(Rows rows, long id, Instant created) throws IOException {
        String severity = pick(new String[] {"LOW", "MEDIUM", "HIGH", "CRITICAL"}, 0.45, 0.35, 0.15, 0.05);
        Rsit.Type type = text.type(random);
        long ageDays = Duration.between(created, now).toDays();
        String state = state(ageDays);
        boolean open = !state.equals("RESOLVED") && !state.equals("CLOSED");
        String tlp = pick(new String[] {"CLEAR", "GREEN", "AMBER", "AMBER_STRICT", "RED"}, 0.05, 0.35, 0.45, 0.12,
                0.03);
        String pap = pick(new String[] {"CLEAR", "GREEN", "AMBER", "RED"}, 0.1, 0.3, 0.5, 0.1);

        List<Org> affected = new ArrayList<>(3);
        affected.add(organisations.get(organisationPick.sample(random)));
        if (random.nextDouble() < 0.15) {
            int more = 1 + random.nextInt(2);
            for (int k = 0; k < more; k++) {
                Org other = organisations.get(organisationPick.sample(random));
                if (affected.stream().noneMatch(o -> o.id() == other.id())) {
                    affected.add(other);
                }
            }
        }
        Org main = affected.get(0);
        Team team = national;
        if (main.sectorId() != null && sectoralTeams.containsKey(main.sectorId()) && random.nextDouble() < 0.4) {
            team = sectoralTeams.get(main.sectorId());
        }
        Person assignee = state.equals("NEW") || (state.equals("TRIAGE") && random.nextBoolean()) ? null
                : analysts.get(analystPick.sample(random));
        Person creator = random.nextDouble() < 0.3 ? null : analysts.get(analystPick.sample(random));

        Duration response = switch (severity) {
            case "CRITICAL" -> Duration.ofHours(1);
            case "HIGH" -> Duration.ofHours(4);
            case "MEDIUM" -> Duration.ofDays(1);
            default -> Duration.ofDays(3);
        };
        Duration resolution = switch (severity) {
            case "CRITICAL" -> Duration.ofDays(1);
            case "HIGH" -> Duration.ofDays(3);
            case "MEDIUM" -> Duration.ofDays(10);
            default -> Duration.ofDays(30);
        };
        Instant responseDue = created.plus(response);
        Instant resolutionDue = created.plus(resolution);
        Instant firstResponse = state.equals("NEW") || state.equals("TRIAGE") ? null
                : at(created.plusSeconds((long) (response.getSeconds() * random.nextDouble() * 1.3)));
        Instant resolved = null;
        Instant closed = null;
        if (!open) {
            resolved = at(created.plusSeconds((long) (resolution.getSeconds() * (0.05 + random.nextDouble() * 1.2))));
            if (state.equals("CLOSED")) {
                closed = at(resolved.plusSeconds(random.nextInt(7 * 86_400)));
            }
        }
        Instant updated = latest(created.plusSeconds(random.nextInt(3_600)), firstResponse, resolved, closed);
        // overdue open incidents were escalated long ago, so that the escalation job does not start with them all
        Instant escalated = !open ? null : resolutionDue.isBefore(now) ? resolutionDue.plusSeconds(300)
                : firstResponse == null && responseDue.isBefore(now) ? responseDue.plusSeconds(300) : null;

        IncidentText.Story story = text.story(random, type, main.name());
        StringBuilder row = new StringBuilder(1024);
        field(row, id).field(row, story.title()).field(row, story.description()).field(row, type.taxonomy())
                .field(row, type.id()).field(row, severity)
                .field(row, random.nextDouble() < 0.3 ? text.impact(random) : null).field(row, tlp).field(row, pap)
                .field(row, state).field(row, team.id()).field(row, team.name())
                .field(row, assignee == null ? null : assignee.id()).field(row, assignee == null ? null : assignee.name())
                .field(row, story.tags()).field(row, creator == null ? null : creator.id())
                .field(row, creator == null ? "system" : creator.username()).field(row, created).field(row, updated)
                .field(row, responseDue).field(row, resolutionDue).field(row, firstResponse).field(row, resolved)
                .field(row, closed).field(row, escalated)
                .field(row, array(affected.stream().map(Org::id).sorted().toList()))
                .field(row, array(affected.stream().map(Org::sectorId).filter(java.util.Objects::nonNull).distinct()
                        .sorted().toList()))
                .last(row, "t");
        rows.incident().append(row);

        for (Org org : affected) {
            row.setLength(0);
            field(row, id).field(row, org.id()).field(row, org.name()).last(row, org.sectorId());
            rows.affected().append(row);
        }
        if (tlp.equals("RED")) {
            int named = 1 + random.nextInt(3);
            List<Long> recipients = new ArrayList<>();
            for (int k = 0; k < named; k++) {
                long recipient = analysts.get(random.nextInt(analysts.size())).id();
                if (!recipients.contains(recipient)) {
                    recipients.add(recipient);
                    row.setLength(0);
                    field(row, id).last(row, recipient);
                    rows.recipient().append(row);
                }
            }
        }
        observables(rows, id, created, main);
        tasks(rows, id, created, state, open);
    }

    private void observables(Rows rows, long incidentId, Instant created, Org main) throws IOException {
        int count = 1 + (int) Math.min(9, -Math.log(1 - random.nextDouble()) * 2);
        List<String> keys = new ArrayList<>(count);
        StringBuilder row = new StringBuilder(256);
        for (int k = 0; k < count; k++) {
            IncidentText.Indicator indicator = text.indicator(random);
            String key = HexFormat.of().formatHex(sha256.digest(indicator.value().getBytes(StandardCharsets.UTF_8)));
            if (keys.contains(indicator.type() + key)) {
                continue;
            }
            keys.add(indicator.type() + key);
            boolean owned = indicator.type().startsWith("IPV") && random.nextDouble() < 0.4;
            Instant firstSeen = created.minusSeconds(random.nextInt(3 * 86_400));
            row.setLength(0);
            field(row, ++observableId).field(row, incidentId).field(row, indicator.type()).field(row, indicator.value())
                    .field(row, key).field(row, random.nextDouble() < 0.6 ? "t" : "f").field(row, (String) null)
                    .field(row, firstSeen).field(row, created.plusSeconds(random.nextInt(86_400)))
                    .field(row, owned ? main.id() : null).field(row, owned ? main.name() : null).last(row, created);
            rows.observable().append(row);
        }
    }

    private static final String[] TASKS = {"Contact the affected organisation", "Collect logs from the reporter",
        "Check the observables against the sightings", "Notify the sectoral CIRT", "Block the indicators at the edge",
        "Ask the hosting provider for a takedown", "Confirm remediation with the constituent", "Write the summary",
        "Share the indicators with partners", "Verify the patch level"};

    private void tasks(Rows rows, long incidentId, Instant created, String state, boolean open) throws IOException {
        double draw = random.nextDouble();
        int count = draw < 0.3 ? 0 : draw < 0.6 ? 1 : draw < 0.8 ? 2 : draw < 0.92 ? 3 : 4;
        StringBuilder row = new StringBuilder(256);
        for (int k = 0; k < count; k++) {
            String status = open ? pick(new String[] {"OPEN", "IN_PROGRESS", "DONE"}, 0.4, 0.3, 0.3)
                    : random.nextDouble() < 0.9 ? "DONE" : "CANCELLED";
            Person assignee = random.nextDouble() < 0.8 ? analysts.get(analystPick.sample(random)) : null;
            Instant taskCreated = created.plusSeconds(random.nextInt(86_400));
            Instant done = status.equals("DONE") ? at(taskCreated.plusSeconds(random.nextInt(5 * 86_400))) : null;
            row.setLength(0);
            field(row, ++taskId).field(row, incidentId).field(row, TASKS[random.nextInt(TASKS.length)])
                    .field(row, (String) null).field(row, assignee == null ? null : assignee.id())
                    .field(row, assignee == null ? null : assignee.name())
                    .field(row, taskCreated.plus(Duration.ofDays(1 + random.nextInt(7)))).field(row, status)
                    .field(row, taskCreated).field(row, latest(taskCreated, done)).last(row, done);
            rows.task().append(row);
        }
    }

    /** Older incidents are mostly closed; a few stay open for ever (the overdue ones). */
    private String state(long ageDays) {
        if (ageDays > 90) {
            return pick(new String[] {"CLOSED", "RESOLVED", "IN_PROGRESS", "WAITING_FOR_CONSTITUENT", "CONTAINED"},
                    0.93, 0.04, 0.01, 0.01, 0.01);
        }
        if (ageDays > 14) {
            return pick(new String[] {"CLOSED", "RESOLVED", "IN_PROGRESS", "WAITING_FOR_CONSTITUENT", "CONTAINED",
                "TRIAGE", "NEW"}, 0.60, 0.15, 0.10, 0.08, 0.05, 0.01, 0.01);
        }
        return pick(new String[] {"NEW", "TRIAGE", "IN_PROGRESS", "WAITING_FOR_CONSTITUENT", "CONTAINED", "RESOLVED",
            "CLOSED"}, 0.15, 0.15, 0.30, 0.15, 0.10, 0.10, 0.05);
    }

    /** A bigint array in COPY text, as IncidentRepository.replaceOrganisations derives it (null when empty). */
    private static String array(List<Long> ids) {
        return ids.isEmpty() ? null : ids.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(",",
                "{", "}"));
    }

    private Instant at(Instant instant) {
        return instant.isAfter(now) ? now : instant;
    }

    private static Instant latest(Instant first, Instant... others) {
        Instant latest = first;
        for (Instant other : others) {
            if (other != null && other.isAfter(latest)) {
                latest = other;
            }
        }
        return latest;
    }

    private String pick(String[] values, double... weights) {
        double draw = random.nextDouble();
        for (int i = 0; i < values.length - 1; i++) {
            draw -= weights[i];
            if (draw < 0) {
                return values[i];
            }
        }
        return values[values.length - 1];
    }

    private <T> void shuffle(List<T> list) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            T swap = list.get(i);
            list.set(i, list.get(j));
            list.set(j, swap);
        }
    }

    // ---------------------------------------------------------------------------------------------- COPY text

    private static final CopyRow COPY_ROW = new CopyRow();

    private static CopyRow field(StringBuilder row, Object value) {
        return COPY_ROW.field(row, value);
    }

    /** Writes COPY text fields: tab-separated, {@code \N} for null, backslash escapes. */
    private static final class CopyRow {

        CopyRow field(StringBuilder row, Object value) {
            append(row, value);
            row.append('\t');
            return this;
        }

        void last(StringBuilder row, Object value) {
            append(row, value);
            row.append('\n');
        }

        private static void append(StringBuilder row, Object value) {
            if (value == null) {
                row.append("\\N");
            } else if (value instanceof String s) {
                for (int i = 0; i < s.length(); i++) {
                    char c = s.charAt(i);
                    switch (c) {
                        case '\\' -> row.append("\\\\");
                        case '\t' -> row.append("\\t");
                        case '\n' -> row.append("\\n");
                        case '\r' -> row.append("\\r");
                        default -> row.append(c);
                    }
                }
            } else {
                row.append(value);
            }
        }
    }

    private static Writer copy(Connection connection, String sql) throws SQLException {
        return new BufferedWriter(new OutputStreamWriter(new PGCopyOutputStream(connection.unwrap(PGConnection.class),
                sql, 1 << 16), StandardCharsets.UTF_8), 1 << 16);
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    private static long count(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** Zipf-distributed ranks 0..n-1 by inverse CDF over a precomputed table. */
    static final class Zipf {

        private final double[] cumulative;

        Zipf(int n, double exponent) {
            cumulative = new double[n];
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += 1 / Math.pow(i + 1, exponent);
                cumulative[i] = sum;
            }
            for (int i = 0; i < n; i++) {
                cumulative[i] /= sum;
            }
        }

        int sample(SplittableRandom random) {
            int index = java.util.Arrays.binarySearch(cumulative, random.nextDouble());
            return Math.min(cumulative.length - 1, index >= 0 ? index : -index - 1);
        }

        /** Share of the draws that rank {@code i} gets. */
        double share(int i) {
            return cumulative[i] - (i == 0 ? 0 : cumulative[i - 1]);
        }
    }
}

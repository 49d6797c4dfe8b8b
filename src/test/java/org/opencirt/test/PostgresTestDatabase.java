package org.opencirt.test;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.MapPropertySource;

/**
 * Runs a Spring test context on a real PostgreSQL server, in a schema of its own ({@code oc_test_<random>}) that
 * is created before the context starts (so Flyway migrates an empty schema) and dropped when the context closes.
 * Several builds can therefore share one server without seeing each other's rows.
 *
 * <p>The server is {@code SPRING_DATASOURCE_URL} (with {@code SPRING_DATASOURCE_USERNAME} and
 * {@code _PASSWORD}) when that names a PostgreSQL database, otherwise {@code jdbc:postgresql://127.0.0.1:5432/test}
 * as user {@code postgres} (trust authentication). When the server cannot be reached the test class is skipped,
 * except with {@code CI=true}, where it fails.
 *
 * <p>Use it through {@link PostgresIntegrationTest}, which combines it with {@link IntegrationTest}. A repository
 * test of another feature looks like this, and shares the one PostgreSQL context with every other such class:
 *
 * <pre>{@code
 * @PostgresIntegrationTest
 * class OrganisationRepositoryPostgresIntegrationTests {
 *     @Autowired OrganisationRepository organisations;
 *
 *     @Test
 *     void findsAnOrganisationByName() { ... }
 * }
 * }</pre>
 *
 * <p>For a different context (for example other properties), put {@code @ExtendWith(PostgresTestDatabase.class)}
 * and {@code @ContextConfiguration(initializers = PostgresTestDatabase.class)} on any Spring test class: as a
 * JUnit extension it skips or fails the class before Spring starts (see {@link MachineRequirement}); as an
 * initializer it creates the schema and points {@code spring.datasource.*} at it, ahead of every other property
 * source.
 */
public class PostgresTestDatabase extends MachineRequirement
        implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static volatile String unreachable;
    private static volatile boolean checked;

    @Override
    protected String missing() {
        String problem = unreachableReason();
        return problem == null ? null : "PostgreSQL at " + serverUrl() + " is not reachable: " + problem;
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        byte[] suffix = new byte[6];
        RANDOM.nextBytes(suffix);
        String schema = "oc_test_" + HexFormat.of().formatHex(suffix);
        execute("create schema " + schema);
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("postgresTestDatabase", Map.of(
                "spring.datasource.url", withSchema(serverUrl(), schema),
                "spring.datasource.username", username(),
                "spring.datasource.password", password(),
                "spring.datasource.driver-class-name", "org.postgresql.Driver")));
        context.addApplicationListener((ApplicationListener<ApplicationEvent>) event -> {
            if (event instanceof ContextClosedEvent closed && closed.getApplicationContext() == context) {
                execute("drop schema if exists " + schema + " cascade");
            }
        });
    }

    /** The PostgreSQL server tests run on (without a schema). */
    public static String serverUrl() {
        String configured = System.getenv("SPRING_DATASOURCE_URL");
        return configured != null && configured.startsWith("jdbc:postgresql:") ? configured : DEFAULT_URL;
    }

    public static String username() {
        return environmentOr("SPRING_DATASOURCE_USERNAME", "postgres");
    }

    public static String password() {
        return environmentOr("SPRING_DATASOURCE_PASSWORD", "");
    }

    /** Null when a connection succeeds, otherwise why not; checked once per JVM. */
    static synchronized String unreachableReason() {
        if (!checked) {
            DriverManager.setLoginTimeout(5);
            try (Connection connection = DriverManager.getConnection(serverUrl(), username(), password())) {
                unreachable = connection.isValid(5) ? null : "connection not valid";
            } catch (SQLException e) {
                unreachable = e.getMessage();
            }
            checked = true;
        }
        return unreachable;
    }

    static String withSchema(String url, String schema) {
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    private static void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(serverUrl(), username(), password());
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL test database: '" + sql + "' failed on " + serverUrl(), e);
        }
    }

    private static String environmentOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}

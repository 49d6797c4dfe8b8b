package org.opencirt.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * A full-context test on a real server port with its own in-memory H2 database (PostgreSQL mode), no demo data
 * and a known administrator password; SLA escalation does not run on a schedule (tests call it). Test classes
 * with this annotation share one cached context, and so one database: create the users and records a test needs
 * instead of assuming an empty database, and put back what a test breaks on purpose. Each context has an inbox
 * folder of its own under {@code target/test-inbox}, scanned only when a test calls for it.
 * Extend {@link IntegrationTestSupport} for HTTP clients and test users.
 *
 * <p>The properties here win over {@code SPRING_DATASOURCE_*} in the environment, so these tests never touch a
 * shared database; use {@link PostgresIntegrationTest} for PostgreSQL.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:opencirt-${random.uuid};DB_CLOSE_DELAY=-1;MODE=PostgreSQL;"
                + "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
        "spring.datasource.username=sa",
        "spring.datasource.password=",
        "opencirt.demo-data=false",
        "opencirt.incident.escalation.interval=0",
        "opencirt.pipeline.watch-dir=target/test-inbox/${random.uuid}",
        "opencirt.pipeline.watch-interval=1h",
        "opencirt.admin-password=" + IntegrationTestSupport.ADMIN_PASSWORD})
public @interface IntegrationTest {
}

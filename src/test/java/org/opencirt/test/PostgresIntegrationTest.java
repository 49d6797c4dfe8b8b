package org.opencirt.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.test.context.ContextConfiguration;

/**
 * An {@link IntegrationTest} on PostgreSQL instead of H2: a fresh schema per context, migrated by Flyway, dropped
 * afterwards; skipped without a server unless {@code CI=true}. See {@link PostgresTestDatabase} for where the
 * server is and how to write repository tests with it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@IntegrationTest
@ExtendWith(PostgresTestDatabase.class)
@ContextConfiguration(initializers = PostgresTestDatabase.class)
public @interface PostgresIntegrationTest {
}

package org.opencirt.incident.internal.intake;

import static org.opencirt.common.SqlSupport.instant;
import static org.opencirt.common.SqlSupport.utc;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * How many reports one client sent through the public form within the rate window, kept in the database so that
 * the limit holds across restarts and several application instances (ADR 0011). A client is an IPv4 address or an
 * IPv6 /64, since one IPv6 host can change its address within its /64 at will. Rows older than the window are
 * deleted whenever a report is recorded; nothing else keeps the address.
 */
@Component
public class FormRateLimit {

    private final JdbcClient jdbc;
    private final IntakeLimits limits;
    private final Clock clock = Clock.systemUTC();

    public FormRateLimit(JdbcClient jdbc, IntakeLimits limits) {
        this.jdbc = jdbc;
        this.limits = limits;
    }

    /** The rate-limit key of a remote address: the IPv4 address, or the IPv6 /64 prefix. */
    public static String clientKey(String remoteAddress) {
        IPAddress address = new IPAddressString(remoteAddress == null ? "" : remoteAddress.strip()).getAddress();
        if (address == null) {
            return remoteAddress == null || remoteAddress.isBlank() ? "unknown"
                    : remoteAddress.strip().substring(0, Math.min(64, remoteAddress.strip().length()));
        }
        if (address.isIPv4Convertible() && address.isIPv6()) {
            address = address.toIPv4();
        }
        return address.isIPv6() ? address.toPrefixBlock(64).toCanonicalString()
                : address.withoutPrefixLength().toCanonicalString();
    }

    /**
     * How long the client must wait before its next report is accepted: zero when it may send one now. Concurrent
     * requests of one client may each see the same count, so a burst can pass the limit by its concurrency.
     */
    @Transactional(readOnly = true)
    public Duration waitFor(String client) {
        Instant now = clock.instant();
        Instant since = now.minus(limits.rateWindow());
        long recent = jdbc.sql("select count(*) from report_form_submission where client = ? and submitted_at > ?")
                .params(client, utc(since)).query(Long.class).single();
        if (recent < limits.reportsPerClient()) {
            return Duration.ZERO;
        }
        Instant oldest = jdbc.sql("select min(submitted_at) as oldest from report_form_submission where client = ?"
                + " and submitted_at > ?").params(client, utc(since)).query((rs, row) -> instant(rs, "oldest"))
                .single();
        Duration wait = Duration.between(now, oldest.plus(limits.rateWindow()));
        return wait.isNegative() || wait.isZero() ? Duration.ofSeconds(1) : wait;
    }

    /** Counts one report of the client (honeypot hits included) and forgets what is older than the window. */
    @Transactional
    public void record(String client) {
        Instant now = clock.instant();
        jdbc.sql("delete from report_form_submission where submitted_at <= ?")
                .param(utc(now.minus(limits.rateWindow()))).update();
        jdbc.sql("insert into report_form_submission (client, submitted_at) values (?, ?)").params(client, utc(now))
                .update();
    }
}

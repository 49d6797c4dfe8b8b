package org.opencirt.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.opencirt.audit.AuditLog;
import org.opencirt.common.NotFoundException;
import org.opencirt.common.Validation;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Personal API tokens for scripts and partner systems. A token is 256 random bits: its SHA-256 is
 * enough to store it safely (a slow hash protects guessable passwords, not random secrets) and lets a
 * request be authenticated with one indexed lookup.
 */
@Service
public class ApiTokenService {

    public static final String TOKEN_PREFIX = "oc_";

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Duration defaultValidity;
    private final Duration maxValidity;
    private final SecureRandom random = new SecureRandom();
    private final Clock clock = Clock.systemUTC();

    public ApiTokenService(JdbcClient jdbc, AuditLog audit,
            @Value("${opencirt.security.token-default-validity:90d}") Duration defaultValidity,
            @Value("${opencirt.security.token-max-validity:365d}") Duration maxValidity) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.defaultValidity = defaultValidity;
        this.maxValidity = maxValidity;
    }

    @Transactional
    public IssuedToken issue(long userId, String name, Integer validDays) {
        Validation validation = new Validation().requireText(name, "name", 100);
        Duration validity = validDays == null ? defaultValidity : Duration.ofDays(validDays);
        validation.require(validDays == null || validDays > 0, "validDays", "must be positive");
        validation.require(validity.compareTo(maxValidity) <= 0, "validDays",
                "must be at most " + maxValidity.toDays() + " days");
        validation.throwIfInvalid();
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant now = clock.instant();
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into api_token (user_id, name, token_prefix, token_hash, created_at, expires_at)
                values (?, ?, ?, ?, ?, ?)""")
                .params(userId, name.trim(), token.substring(0, 10), sha256(token), utc(now), utc(now.plus(validity)))
                .update(keys, "id");
        ApiToken created = find(keys.getKey().longValue()).orElseThrow();
        audit.record("CREATE", "api_token", created.id(), "token '" + created.name() + "' for user " + userId, null,
                created);
        return new IssuedToken(created, token);
    }

    @Transactional(readOnly = true)
    public List<ApiToken> listForUser(long userId) {
        return jdbc.sql("select * from api_token where user_id = ? order by created_at desc").param(userId)
                .query(ApiTokenService::map).list();
    }

    /** Revokes one of the user's own tokens; an unknown or foreign token id is reported as not found. */
    @Transactional
    public void revoke(long userId, long tokenId) {
        ApiToken before = find(tokenId).filter(t -> t.userId() == userId)
                .orElseThrow(() -> new NotFoundException("Token", tokenId));
        if (before.revokedAt() == null) {
            jdbc.sql("update api_token set revoked_at = ? where id = ?").params(utc(clock.instant()), tokenId).update();
            audit.record("REVOKE", "api_token", tokenId, "token '" + before.name() + "' revoked", before,
                    find(tokenId).orElseThrow());
        }
    }

    /** The user id an active token belongs to; records its use at most once a minute. */
    @Transactional
    public Optional<Long> authenticate(String token) {
        if (token == null || !token.startsWith(TOKEN_PREFIX) || token.length() > 100) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Optional<ApiToken> found = jdbc.sql("select * from api_token where token_hash = ?").param(sha256(token))
                .query(ApiTokenService::map).optional().filter(t -> t.active(now));
        found.filter(t -> t.lastUsedAt() == null || t.lastUsedAt().isBefore(now.minusSeconds(60)))
                .ifPresent(t -> jdbc.sql("update api_token set last_used_at = ? where id = ?")
                        .params(utc(now), t.id()).update());
        return found.map(ApiToken::userId);
    }

    private Optional<ApiToken> find(long id) {
        return jdbc.sql("select * from api_token where id = ?").param(id).query(ApiTokenService::map).optional();
    }

    private static ApiToken map(ResultSet rs, int row) throws SQLException {
        return new ApiToken(rs.getLong("id"), rs.getLong("user_id"), rs.getString("name"),
                rs.getString("token_prefix"), instant(rs, "created_at"), instant(rs, "expires_at"),
                instant(rs, "last_used_at"), instant(rs, "revoked_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

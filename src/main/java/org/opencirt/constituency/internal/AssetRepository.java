package org.opencirt.constituency.internal;

import static org.opencirt.common.SqlSupport.instant;
import static org.opencirt.common.SqlSupport.utc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import inet.ipaddr.IPAddressString;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.opencirt.common.PageRequest;
import org.opencirt.common.PageResult;
import org.opencirt.common.SqlSupport.Where;
import org.opencirt.constituency.AssetKind;
import org.opencirt.constituency.NetworkAsset;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Persistence of network assets (CIDR ranges, AS numbers, domains). */
@Repository
public class AssetRepository {

    private static final String SELECT = "select a.*, o.name as organisation_name from network_asset a "
            + "join organisation o on o.id = a.organisation_id";

    /** Values bound in one {@code in (...)} list, well below every driver's parameter limit. */
    private static final int IN_LIST_SIZE = 500;

    /** Rows {@link #streamAll} fetches per round trip. */
    private static final int STREAM_FETCH_SIZE = 10_000;

    /** Kind, then ranges by address and AS numbers by number, then text. */
    private static final Comparator<NetworkAsset> NATURAL_ORDER = Comparator
            .comparing(NetworkAsset::kind)
            .thenComparing(AssetRepository::compareNumerically)
            .thenComparing(NetworkAsset::value);

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final TransactionTemplate readOnly;

    public AssetRepository(JdbcClient jdbc, JdbcTemplate jdbcTemplate, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    public long insert(long organisationId, AssetKind kind, String value, String description, boolean demo,
            Instant now) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into network_asset (organisation_id, kind, asset_value, description, demo, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?)""")
                .params(organisationId, kind.name(), value, description, demo, utc(now), utc(now))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    /** Inserts many assets in one JDBC batch (demo data, imports); returns their ids in order. */
    public List<Long> insertAll(List<NetworkAsset.Input> inputs, boolean demo, Instant now) {
        if (inputs.isEmpty()) {
            return List.of();
        }
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbcTemplate.batchUpdate(connection -> connection.prepareStatement("""
                insert into network_asset (organisation_id, kind, asset_value, description, demo, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?)""", new String[] {"id"}), new BatchPreparedStatementSetter() {
                    @Override
                    public void setValues(PreparedStatement statement, int i) throws SQLException {
                        NetworkAsset.Input input = inputs.get(i);
                        statement.setLong(1, input.organisationId());
                        statement.setString(2, input.kind().name());
                        statement.setString(3, input.value());
                        statement.setString(4, input.description());
                        statement.setBoolean(5, demo);
                        statement.setObject(6, utc(now));
                        statement.setObject(7, utc(now));
                    }

                    @Override
                    public int getBatchSize() {
                        return inputs.size();
                    }
                }, keys);
        return keys.getKeyList().stream().map(key -> ((Number) key.get("id")).longValue()).toList();
    }

    public void update(long id, long organisationId, AssetKind kind, String value, String description, Instant now) {
        jdbc.sql("""
                update network_asset set organisation_id = ?, kind = ?, asset_value = ?, description = ?, updated_at = ?
                where id = ?""")
                .params(organisationId, kind.name(), value, description, utc(now), id).update();
    }

    public void delete(long id) {
        jdbc.sql("delete from network_asset where id = ?").param(id).update();
    }

    public Optional<NetworkAsset> findById(long id) {
        return jdbc.sql(SELECT + " where a.id = ?").param(id).query(AssetRepository::map).optional();
    }

    /** An organisation's assets in the order people read them: by kind, ranges by address, not as text. */
    public List<NetworkAsset> findByOrganisation(long organisationId) {
        List<NetworkAsset> owned = new ArrayList<>(jdbc.sql(SELECT + " where a.organisation_id = ?")
                .param(organisationId).query(AssetRepository::map).list());
        owned.sort(NATURAL_ORDER);
        return owned;
    }


    /** Assets with exactly one of these values, by kind and value: {@link #findSameValue} for many at once. */
    public Map<String, List<NetworkAsset>> findSameValues(AssetKind kind, Collection<String> values) {
        Map<String, List<NetworkAsset>> found = new HashMap<>();
        List<String> all = List.copyOf(values);
        for (int from = 0; from < all.size(); from += IN_LIST_SIZE) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + IN_LIST_SIZE));
            List<Object> params = new ArrayList<>(chunk);
            params.add(0, kind.name());
            jdbc.sql(SELECT + " where a.kind = ? and a.asset_value in (" + "?, ".repeat(chunk.size() - 1) + "?)")
                    .params(params).query(AssetRepository::map)
                    .list().forEach(asset -> found.computeIfAbsent(asset.value(), v -> new ArrayList<>()).add(asset));
        }
        return found;
    }

    /** Other organisations' assets with exactly this kind and value. */
    public List<NetworkAsset> findSameValue(AssetKind kind, String value) {
        return jdbc.sql(SELECT + " where a.kind = ? and a.asset_value = ?").params(kind.name(), value)
                .query(AssetRepository::map).list();
    }

    public PageResult<NetworkAsset> search(String text, AssetKind kind, Long organisationId, PageRequest page) {
        Where where = new Where()
                .contains(text, "a.asset_value", "a.description")
                .equal("a.kind", kind == null ? null : kind.name())
                .equal("a.organisation_id", organisationId);
        long total = jdbc.sql("select count(*) from network_asset a" + where.sql()).params(where.params())
                .query(Long.class).single();
        List<NetworkAsset> items = jdbc.sql(SELECT + where.sql() + " order by a.kind, a.asset_value limit ? offset ?")
                .params(where.paramsWithPage(page)).query(AssetRepository::map).list();
        return new PageResult<>(items, page.page(), page.size(), total);
    }

    /**
     * Streams every asset as (id, organisation, kind, value) without building a list: the lookup index loads from it.
     * Reads in a read-only transaction with a fetch size, since only then does PostgreSQL's driver read through a
     * cursor, one batch of rows at a time; otherwise it holds the whole result in memory, which for a million
     * prefixes does not fit in a 256 MB heap next to the index being built (see docs/benchmarks.md).
     */
    public void streamAll(Consumer<Row> consumer) {
        readOnly.executeWithoutResult(status -> jdbcTemplate.query(connection -> {
            PreparedStatement statement = connection.prepareStatement(
                    "select id, organisation_id, kind, asset_value from network_asset");
            statement.setFetchSize(STREAM_FETCH_SIZE);
            return statement;
        }, rs -> {
            consumer.accept(new Row(rs.getLong(1), rs.getLong(2), AssetKind.valueOf(rs.getString(3)), rs.getString(4)));
        }));
    }

    public long count() {
        return jdbc.sql("select count(*) from network_asset").query(Long.class).single();
    }

    /** One asset as the lookup index needs it. */
    public record Row(long id, long organisationId, AssetKind kind, String value) {
    }

    private static int compareNumerically(NetworkAsset a, NetworkAsset b) {
        return switch (a.kind()) {
            case CIDR -> new IPAddressString(a.value()).getAddress()
                    .compareTo(new IPAddressString(b.value()).getAddress());
            case ASN -> Long.compare(Long.parseLong(a.value()), Long.parseLong(b.value()));
            case DOMAIN -> 0;
        };
    }

    static NetworkAsset map(ResultSet rs, int row) throws SQLException {
        return new NetworkAsset(rs.getLong("id"), rs.getLong("organisation_id"), rs.getString("organisation_name"),
                AssetKind.valueOf(rs.getString("kind")), rs.getString("asset_value"), rs.getString("description"),
                rs.getBoolean("demo"), instant(rs, "created_at"), instant(rs, "updated_at"));
    }
}

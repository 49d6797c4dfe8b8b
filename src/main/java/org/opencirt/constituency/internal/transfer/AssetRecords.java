package org.opencirt.constituency.internal.transfer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opencirt.common.PageRequest;
import org.opencirt.common.PageResult;
import org.opencirt.common.Validation;
import org.opencirt.constituency.AssetKind;
import org.opencirt.constituency.AssetService;
import org.opencirt.constituency.AssetValues;
import org.opencirt.constituency.ConstituencyTransfer.Dataset;
import org.opencirt.constituency.NetworkAsset;
import org.opencirt.constituency.internal.AssetRepository;
import org.springframework.stereotype.Component;

/**
 * Network assets in files: found again by kind and canonical value (an asset that moved to another organisation
 * is updated, not duplicated); the owner given by name. New assets are written together at the end, in one batch.
 */
@Component
class AssetRecords extends RecordType {

    private final AssetService assets;
    private final AssetRepository repository;
    private final References references;

    AssetRecords(AssetService assets, AssetRepository repository, References references) {
        super(Dataset.ASSETS, List.of("organisation", "kind", "value", "description"),
                List.of("organisation", "kind", "value"), "value");
        this.assets = assets;
        this.repository = repository;
        this.references = references;
    }

    @Override
    public List<Map<String, Object>> export() {
        List<Map<String, Object>> rows = new ArrayList<>();
        PageResult<NetworkAsset> page;
        int number = 0;
        do {
            page = assets.search(null, null, null, new PageRequest(number++, PageRequest.MAX_SIZE));
            page.items().forEach(asset -> rows.add(row(asset)));
        } while (page.hasNext());
        return rows;
    }

    private static Map<String, Object> row(NetworkAsset asset) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("organisation", asset.organisationName());
        row.put("kind", asset.kind().name());
        row.put("value", asset.value());
        row.put("description", asset.description());
        return row;
    }

    @Override
    public Object key(SourceRow row) {
        return assetKey(row);
    }

    /** Kind and canonical value of the row's asset, or null when either is missing or malformed. */
    private static Key assetKey(SourceRow row) {
        AssetKind kind = row.enumValue("kind", AssetKind.class, new Validation());
        String value = row.text("value");
        if (kind == null || value == null) {
            return null;
        }
        try {
            return new Key(kind, AssetValues.canonical(kind, value));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public Session start() {
        List<NetworkAsset.Input> created = new ArrayList<>();
        return new Session() {
            @Override
            public Outcome apply(SourceRow row) {
                Validation parsing = new Validation();
                NetworkAsset.Input input = new NetworkAsset.Input(references.organisation(row, "organisation", parsing),
                        row.enumValue("kind", AssetKind.class, parsing), row.text("value"), row.text("description"));
                return save(parsing, input, existing(row), NetworkAsset::id,
                        a -> new NetworkAsset.Input(a.organisationId(), a.kind(), a.value(), a.description()),
                        assets::validate, created::add, (id, valid) -> assets.update(id, valid));
            }

            @Override
            public void finish() {
                if (!created.isEmpty()) {
                    assets.createAll(created, false);
                }
            }
        };
    }

    private NetworkAsset existing(SourceRow row) {
        Key key = assetKey(row);
        return key == null ? null
                : repository.findSameValue(key.kind(), key.value()).stream().findFirst().orElse(null);
    }

    private record Key(AssetKind kind, String value) {
    }
}

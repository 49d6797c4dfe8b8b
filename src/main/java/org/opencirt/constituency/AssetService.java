package org.opencirt.constituency;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.LongPredicate;
import org.opencirt.audit.AuditLog;
import org.opencirt.common.InvalidInputException;
import org.opencirt.common.NotFoundException;
import org.opencirt.common.PageRequest;
import org.opencirt.common.PageResult;
import org.opencirt.common.Texts;
import org.opencirt.common.Validation;
import org.opencirt.constituency.internal.Access;
import org.opencirt.constituency.internal.AssetRepository;
import org.opencirt.constituency.internal.LookupIndexHolder;
import org.opencirt.constituency.internal.OrganisationRepository;
import org.opencirt.constituency.internal.lookup.Match;
import org.opencirt.constituency.internal.lookup.ResponsibilityIndex;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Registers the networks, AS numbers and domains organisations own. Values are stored in canonical form;
 * the same value owned by two organisations is refused (the lookup could not answer), while a nested
 * range or sub-domain owned by someone else is accepted and reported, because ISPs and their customers
 * legitimately nest.
 */
@Service
public class AssetService {

    private final AssetRepository assets;
    private final OrganisationRepository organisations;
    private final LookupIndexHolder index;
    private final AuditLog audit;
    private final Clock clock = Clock.systemUTC();

    public AssetService(AssetRepository assets, OrganisationRepository organisations, LookupIndexHolder index,
            AuditLog audit) {
        this.assets = assets;
        this.organisations = organisations;
        this.index = index;
        this.audit = audit;
    }

    @Transactional
    public NetworkAsset.Saved create(NetworkAsset.Input input) {
        return create(input, false);
    }

    @Transactional
    public NetworkAsset.Saved create(NetworkAsset.Input input, boolean demo) {
        NetworkAsset.Input clean = validate(input, null);
        long id = assets.insert(clean.organisationId(), clean.kind(), clean.value(), clean.description(), demo,
                clock.instant());
        NetworkAsset created = get(id);
        audit.record("CREATE", "asset", id, describe(created), null, created);
        index.rebuildAfterCommit();
        return new NetworkAsset.Saved(created, overlaps(clean));
    }

    /**
     * Registers many new assets at once (demo data, imports). Each is validated as by {@link #create} and audited
     * with its own entry, but none is read back, no overlap warnings are computed and the lookup index is rebuilt
     * once, so that thousands of assets load in seconds.
     *
     * @throws InvalidInputException for the first invalid asset, or a value given twice; nothing is kept then
     */
    @Transactional
    public List<NetworkAsset> createAll(List<NetworkAsset.Input> inputs, boolean demo) {
        Map<String, List<NetworkAsset>> existing = existingValues(inputs);
        Map<Long, Optional<Organisation>> owners = new HashMap<>();
        Set<String> given = new HashSet<>();
        List<NetworkAsset.Input> clean = new ArrayList<>(inputs.size());
        for (NetworkAsset.Input input : inputs) {
            NetworkAsset.Input valid = validate(input, null,
                    organisationId -> owners.computeIfAbsent(organisationId, organisations::findById).isPresent(),
                    (kind, value) -> existing.getOrDefault(kind + " " + value, List.of()));
            if (!given.add(valid.kind() + " " + valid.value())) {
                throw new InvalidInputException("value", valid.value() + " is given twice");
            }
            clean.add(valid);
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<Long> ids = assets.insertAll(clean, demo, now);
        List<NetworkAsset> created = new ArrayList<>(clean.size());
        for (int i = 0; i < clean.size(); i++) {
            NetworkAsset.Input valid = clean.get(i);
            NetworkAsset asset = new NetworkAsset(ids.get(i), valid.organisationId(),
                    owners.get(valid.organisationId()).orElseThrow().name(), valid.kind(), valid.value(),
                    valid.description(), demo, now, now);
            audit.record("CREATE", "asset", asset.id(), describe(asset), null, asset);
            created.add(asset);
        }
        index.rebuildAfterCommit();
        return created;
    }

    /** The registered assets with any of the inputs' values, keyed by kind and canonical value, in a few queries. */
    private Map<String, List<NetworkAsset>> existingValues(List<NetworkAsset.Input> inputs) {
        Map<AssetKind, Set<String>> values = new EnumMap<>(AssetKind.class);
        for (NetworkAsset.Input input : inputs) {
            try {
                values.computeIfAbsent(input.kind(), kind -> new HashSet<>())
                        .add(AssetValues.canonical(input.kind(), input.value().trim()));
            } catch (RuntimeException malformed) {
                // validate() reports it with the asset
            }
        }
        Map<String, List<NetworkAsset>> existing = new HashMap<>();
        values.forEach((kind, canonical) -> assets.findSameValues(kind, canonical)
                .forEach((value, owners) -> existing.put(kind + " " + value, owners)));
        return existing;
    }

    @Transactional
    public NetworkAsset.Saved update(long id, NetworkAsset.Input input) {
        NetworkAsset before = get(id);
        NetworkAsset.Input clean = validate(input, id);
        assets.update(id, clean.organisationId(), clean.kind(), clean.value(), clean.description(), clock.instant());
        NetworkAsset after = get(id);
        audit.record("UPDATE", "asset", id, describe(after), before, after);
        index.rebuildAfterCommit();
        return new NetworkAsset.Saved(after, overlaps(clean));
    }

    @Transactional
    public void delete(long id) {
        NetworkAsset before = get(id);
        assets.delete(id);
        audit.record("DELETE", "asset", id, describe(before), before, null);
        index.rebuildAfterCommit();
    }

    @Transactional(readOnly = true)
    public NetworkAsset get(long id) {
        NetworkAsset asset = assets.findById(id).orElseThrow(() -> new NotFoundException("Asset", id));
        Access.requireVisible("Asset", id, asset.organisationId());
        return asset;
    }

    @Transactional(readOnly = true)
    public List<NetworkAsset> ofOrganisation(long organisationId) {
        Access.requireVisible("Organisation", organisationId, organisationId);
        return assets.findByOrganisation(organisationId);
    }

    @Transactional(readOnly = true)
    public PageResult<NetworkAsset> search(String text, AssetKind kind, Long organisationId, PageRequest page) {
        Long only = Access.restrictedTo();
        if (only != null && organisationId != null && !organisationId.equals(only)) {
            return new PageResult<>(List.of(), page.page(), page.size(), 0);
        }
        return assets.search(text, kind, only != null ? only : organisationId, page);
    }

    @Transactional(readOnly = true)
    public long count() {
        return assets.count();
    }

    /** Checks an asset: the organisation exists, the value is well-formed, and nobody else owns exactly it. */
    public NetworkAsset.Input validate(NetworkAsset.Input input, Long id) {
        return validate(input, id, organisationId -> organisations.findById(organisationId).isPresent(),
                assets::findSameValue);
    }

    private NetworkAsset.Input validate(NetworkAsset.Input input, Long id, LongPredicate organisationExists,
            BiFunction<AssetKind, String, List<NetworkAsset>> sameValue) {
        Validation validation = new Validation()
                .require(input.organisationId() != null, "organisationId", "must not be empty")
                .require(input.kind() != null, "kind", "must be one of " + List.of(AssetKind.values()))
                .requireText(input.value(), "value", 300)
                .maxLength(input.description(), "description", 500);
        validation.throwIfInvalid();
        if (!organisationExists.test(input.organisationId())) {
            validation.add("organisationId", "no organisation " + input.organisationId());
        }
        String value = null;
        try {
            value = AssetValues.canonical(input.kind(), input.value().trim());
        } catch (IllegalArgumentException e) {
            validation.add("value", e.getMessage());
        }
        validation.throwIfInvalid();
        for (NetworkAsset existing : sameValue.apply(input.kind(), value)) {
            if (id != null && existing.id() == id) {
                continue;
            }
            validation.add("value", existing.organisationId() == input.organisationId()
                    ? value + " is already registered for this organisation"
                    : value + " is already owned by " + existing.organisationName()
                            + "; one value can have only one owner");
        }
        validation.throwIfInvalid();
        return new NetworkAsset.Input(input.organisationId(), input.kind(), value,
                Texts.blankToNull(input.description()));
    }

    private static String describe(NetworkAsset asset) {
        return asset.kind() + " " + asset.value() + " of " + asset.organisationName();
    }

    /**
     * Other organisations' assets that contain or lie inside this one (a covering prefix or parent domain,
     * and nested prefixes at the range's edges or sub-domains), as warnings for the person saving it.
     */
    public List<String> overlaps(NetworkAsset.Input asset) {
        if (asset.kind() == AssetKind.ASN) {
            return List.of();
        }
        ResponsibilityIndex current = index.fresh();
        Set<Match> found = new LinkedHashSet<>();
        if (asset.kind() == AssetKind.CIDR) {
            int slash = asset.value().indexOf('/');
            int length = Integer.parseInt(asset.value().substring(slash + 1));
            for (String edge : CidrEdges.of(asset.value())) {
                Match match = current.matchIp(edge);
                if (match != null && match.prefixLength() != length) {
                    found.add(match);
                }
            }
        } else {
            Match parent = current.matchDomain(asset.value());
            if (parent != null && !parent.value().equals(asset.value())) {
                found.add(parent);
            }
        }
        List<String> warnings = new ArrayList<>();
        for (Match match : found) {
            if (match.organisationId() != asset.organisationId()) {
                String owner = organisations.findById(match.organisationId()).map(Organisation::name).orElse("?");
                warnings.add("overlaps " + match.value() + " of " + owner);
            }
        }
        if (asset.kind() == AssetKind.DOMAIN) {
            assets.search("." + asset.value(), AssetKind.DOMAIN, null, new PageRequest(0, 20)).items().stream()
                    .filter(sub -> sub.value().endsWith("." + asset.value()))
                    .filter(sub -> sub.organisationId() != asset.organisationId())
                    .forEach(sub -> warnings.add("contains " + sub.value() + " of " + sub.organisationName()));
        }
        return warnings;
    }
}

package org.opencirt.constituency.internal.lookup;

import java.net.IDN;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import inet.ipaddr.IPAddress;
import inet.ipaddr.ipv6.IPv6Address;
import org.opencirt.constituency.AssetKind;
import org.opencirt.constituency.AssetValues;

/**
 * Answers “who is responsible for this IP address, AS number or domain?” from memory, fast enough to sit on every
 * incoming event: an immutable snapshot built once from all owned assets and replaced as a whole when they change.
 *
 * <ul>
 *   <li>IP addresses: longest-prefix match. Nested prefixes are flattened into non-overlapping intervals in primitive
 *       arrays ({@link Ipv4Intervals}, {@link Ipv6Intervals}); {@link #matchIPv4(int)} neither boxes nor allocates.
 *       IPv4-mapped IPv6 addresses ({@code ::ffff:192.0.2.1}) are looked up as IPv4.</li>
 *   <li>AS numbers: exact, in a primitive hash table.</li>
 *   <li>Domains: the most specific owned suffix on label boundaries ({@code mail.bank.example} is owned through
 *       {@code bank.example}, {@code notbank.example} is not); case-insensitive, trailing dot tolerated.</li>
 * </ul>
 *
 * <p>Values are expected canonical (see {@link AssetValues}); host bits set in a prefix are masked off, not rejected,
 * as rejecting is the validator's job when an asset is saved. When several assets own exactly the same prefix, AS
 * number or domain, the lowest asset id wins, so answers are deterministic; reporting such overlaps is the service's
 * job. Lookups return null when nobody is responsible. The index is immutable and safe to share between threads.
 */
public final class ResponsibilityIndex {

    /** Bits of an IPv4 sort key that hold the owner slot, below the prefix length and the start address. */
    private static final int SLOT_BITS = 26;
    private static final long SLOT_MASK = (1L << SLOT_BITS) - 1;

    private final Match[] ipOwners;
    private final Ipv4Intervals ipv4;
    private final Ipv6Intervals ipv6;
    private final AsnTable asns;
    private final Map<String, Match> domains;

    private ResponsibilityIndex(Match[] ipOwners, Ipv4Intervals ipv4, Ipv6Intervals ipv6, AsnTable asns,
            Map<String, Match> domains) {
        this.ipOwners = ipOwners;
        this.ipv4 = ipv4;
        this.ipv6 = ipv6;
        this.asns = asns;
        this.domains = domains;
    }

    /** An index in which nobody is responsible for anything. */
    public static ResponsibilityIndex empty() {
        return build(List.of());
    }

    /**
     * Builds the index.
     *
     * @throws IllegalArgumentException naming the asset id when a value cannot be parsed
     */
    public static ResponsibilityIndex build(Collection<IndexedAsset> assets) {
        int ipv6Count = 0;
        int cidrCount = 0;
        int asnCount = 0;
        for (IndexedAsset asset : assets) {
            if (asset.kind() == AssetKind.CIDR) {
                cidrCount++;
                ipv6Count += asset.value().indexOf(':') >= 0 ? 1 : 0;
            } else if (asset.kind() == AssetKind.ASN) {
                asnCount++;
            }
        }
        int ipv4Count = cidrCount - ipv6Count;
        if (ipv4Count > SLOT_MASK) {
            throw new IllegalArgumentException("Too many IPv4 prefixes: " + ipv4Count + " (at most " + SLOT_MASK + ")");
        }
        Match[] ipOwners = new Match[cidrCount];
        long[] ipv4Keys = new long[ipv4Count];
        Ipv6Prefixes ipv6Prefixes = new Ipv6Prefixes(ipv6Count, ipv4Count);
        AsnTable asns = new AsnTable(asnCount);
        Map<String, Match> domains = new HashMap<>(Math.max(16, (assets.size() - cidrCount - asnCount) * 4 / 3 + 1));
        int ipv4Slot = 0;
        for (IndexedAsset asset : assets) {
            switch (asset.kind()) {
                case CIDR -> {
                    if (asset.value().indexOf(':') >= 0) {
                        ipv6Prefixes.add(asset, ipOwners);
                    } else {
                        ipv4Keys[ipv4Slot] = ipv4Key(asset, ipv4Slot, ipOwners);
                        ipv4Slot++;
                    }
                }
                case ASN -> addAsn(asset, asns);
                case DOMAIN -> addDomain(asset, domains);
            }
        }
        return new ResponsibilityIndex(ipOwners, flattenIPv4(ipv4Keys, ipOwners),
                ipv6Prefixes.flatten(ipOwners), asns, domains);
    }

    /** Parses an IPv4 prefix into its owner slot and a sort key: start address, then prefix length, then slot. */
    private static long ipv4Key(IndexedAsset asset, int slot, Match[] ipOwners) {
        String value = asset.value();
        long parsed = IpText.parseIPv4Cidr(value);
        if (parsed == IpText.INVALID) {
            throw invalid(asset, "an IPv4 address or CIDR range");
        }
        int address = (int) parsed;
        int length = (int) (parsed >>> 32);
        int start = address & IpText.ipv4Mask(length);
        String text = start == address && value.indexOf('/') >= 0 ? value : IpText.formatIPv4Cidr(start, length);
        ipOwners[slot] = new Match(asset.assetId(), asset.organisationId(), AssetKind.CIDR, text, length);
        return (long) (start ^ Integer.MIN_VALUE) << 32 | (long) length << SLOT_BITS | slot;
    }

    private static Ipv4Intervals flattenIPv4(long[] keys, Match[] ipOwners) {
        Arrays.sort(keys);
        Ipv4Intervals intervals = new Ipv4Intervals(keys.length);
        PrefixFlattener flattener = new PrefixFlattener(32, ipOwners, intervals);
        for (long key : keys) {
            int start = (int) (key >>> 32) ^ Integer.MIN_VALUE;
            flattener.add(0, start & 0xFFFF_FFFFL, (int) (key >>> SLOT_BITS) & 63, (int) (key & SLOT_MASK));
        }
        flattener.finish();
        return intervals.complete();
    }

    /** IPv6 prefixes collected in primitive arrays, then sorted and flattened. */
    private static final class Ipv6Prefixes {

        private final long[] highs;
        private final long[] lows;
        private final int[] lengths;
        private final int firstSlot;
        private int size;

        Ipv6Prefixes(int capacity, int firstSlot) {
            this.highs = new long[capacity];
            this.lows = new long[capacity];
            this.lengths = new int[capacity];
            this.firstSlot = firstSlot;
        }

        void add(IndexedAsset asset, Match[] ipOwners) {
            IPAddress parsed = IpText.parseOrNull(asset.value());
            if (parsed == null || !parsed.isIPv6()) {
                throw invalid(asset, "an IPv6 address or CIDR range");
            }
            Integer prefixLength = parsed.getNetworkPrefixLength();
            IPAddress block = prefixLength == null ? parsed : parsed.toPrefixBlock();
            IPv6Address start = block.getLower().toIPv6();
            String canonical = prefixLength == null
                    ? parsed.toCanonicalString() + "/128"
                    : block.toCanonicalString();
            highs[size] = IpText.high64(start);
            lows[size] = IpText.low64(start);
            lengths[size] = prefixLength == null ? 128 : prefixLength;
            ipOwners[firstSlot + size] = new Match(asset.assetId(), asset.organisationId(), AssetKind.CIDR,
                    canonical.equals(asset.value()) ? asset.value() : canonical, lengths[size]);
            size++;
        }

        Ipv6Intervals flatten(Match[] ipOwners) {
            Integer[] order = new Integer[size];
            Arrays.setAll(order, i -> i);
            Arrays.sort(order, Comparator.<Integer>comparingLong(i -> highs[i] ^ Long.MIN_VALUE)
                    .thenComparingLong(i -> lows[i] ^ Long.MIN_VALUE)
                    .thenComparingInt(i -> lengths[i]));
            Ipv6Intervals intervals = new Ipv6Intervals(size);
            PrefixFlattener flattener = new PrefixFlattener(128, ipOwners, intervals);
            for (int i : order) {
                flattener.add(highs[i], lows[i], lengths[i], firstSlot + i);
            }
            flattener.finish();
            return intervals.complete();
        }
    }

    private static void addAsn(IndexedAsset asset, AsnTable asns) {
        long asn;
        try {
            asn = AssetValues.parseAsn(asset.value());
        } catch (IllegalArgumentException e) {
            throw invalid(asset, "an AS number");
        }
        String canonical = Long.toString(asn);
        asns.put(asn, new Match(asset.assetId(), asset.organisationId(), AssetKind.ASN,
                canonical.equals(asset.value()) ? asset.value() : canonical, 0));
    }

    private static void addDomain(IndexedAsset asset, Map<String, Match> domains) {
        String name = normaliseDomain(asset.value());
        if (name == null || name.isEmpty()) {
            throw invalid(asset, "a domain name");
        }
        int labels = 1;
        for (int i = name.indexOf('.'); i >= 0; i = name.indexOf('.', i + 1)) {
            labels++;
        }
        Match match = new Match(asset.assetId(), asset.organisationId(), AssetKind.DOMAIN, name, labels);
        domains.merge(name, match, (a, b) -> a.assetId() <= b.assetId() ? a : b);
    }

    private static IllegalArgumentException invalid(IndexedAsset asset, String expected) {
        return new IllegalArgumentException("Asset " + asset.assetId() + " (" + asset.kind() + "): '" + asset.value()
                + "' is not " + expected);
    }

    /**
     * Who is responsible for an IPv4 address; the hot path, without boxing or allocation.
     *
     * @param address the 32 address bits ({@code 192.0.2.1} is {@code 0xC0000201})
     * @return the most specific owned prefix that contains it, or null
     */
    public Match matchIPv4(int address) {
        int owner = ipv4.find(address);
        return owner == PrefixFlattener.NONE ? null : ipOwners[owner];
    }

    /**
     * Who is responsible for an IPv6 address, given as its high and low 64 bits.
     *
     * @return the most specific owned prefix that contains it, or null
     */
    public Match matchIPv6(long high, long low) {
        int owner = ipv6.find(high, low);
        return owner == PrefixFlattener.NONE ? null : ipOwners[owner];
    }

    /**
     * Who is responsible for an IP address in text form: a dotted quad (parsed without allocating) or IPv6.
     *
     * @return the most specific owned prefix that contains it, or null
     * @throws IllegalArgumentException when the text is not a single IP address
     */
    public Match matchIp(String address) {
        long ipv4Address = IpText.parseIPv4(address, 0, address.length());
        if (ipv4Address != IpText.INVALID) {
            return matchIPv4((int) ipv4Address);
        }
        IPAddress parsed = address.indexOf(':') >= 0 ? IpText.parseOrNull(address) : null;
        if (parsed == null || parsed.getNetworkPrefixLength() != null) {
            throw new IllegalArgumentException("'" + address + "' is not an IP address");
        }
        IPv6Address ipv6Address = parsed.toIPv6();
        long low = IpText.low64(ipv6Address);
        return ipv6Address.isIPv4Mapped() ? matchIPv4((int) low) : matchIPv6(IpText.high64(ipv6Address), low);
    }

    /**
     * Who is responsible for an AS number.
     *
     * @return the owner of exactly that AS, or null
     */
    public Match matchAsn(long asn) {
        return asns.get(asn);
    }

    /**
     * Who is responsible for an AS number given as {@code 64500} or {@code AS64500}.
     *
     * @return the owner of exactly that AS, or null
     * @throws IllegalArgumentException when the text is not an AS number
     */
    public Match matchAsn(String asn) {
        return asns.get(AssetValues.parseAsn(asn));
    }

    /**
     * Who is responsible for a domain or host name: the owner of the longest owned suffix on label boundaries. The name
     * is not validated; one that nobody can own simply has no match.
     *
     * @return the match, or null
     */
    public Match matchDomain(String domain) {
        String name = normaliseDomain(domain);
        if (name == null) {
            return null;
        }
        int from = 0;
        while (true) {
            Match match = domains.get(from == 0 ? name : name.substring(from));
            if (match != null) {
                return match;
            }
            int dot = name.indexOf('.', from);
            if (dot < 0) {
                return null;
            }
            from = dot + 1;
        }
    }

    /**
     * Who is responsible for a host as {@link AssetValues#hostOfUrl} or {@link AssetValues#domainOfEmail} return it:
     * an IP address or a domain name.
     *
     * @return the match, or null
     */
    public Match matchHost(String host) {
        boolean ip = host.indexOf(':') >= 0 || IpText.parseIPv4(host, 0, host.length()) != IpText.INVALID;
        return ip ? matchIp(host) : matchDomain(host);
    }

    /** Lower case, no trailing dot, internationalised labels in punycode; null when IDN conversion fails. */
    private static String normaliseDomain(String domain) {
        int end = domain.length();
        if (end > 0 && domain.charAt(end - 1) == '.') {
            end--;
        }
        boolean upperCase = false;
        for (int i = 0; i < end; i++) {
            char c = domain.charAt(i);
            if (c >= 0x80) {
                return idnToAscii(domain.substring(0, end));
            }
            upperCase |= c >= 'A' && c <= 'Z';
        }
        String name = end == domain.length() ? domain : domain.substring(0, end);
        return upperCase ? name.toLowerCase(Locale.ROOT) : name;
    }

    private static String idnToAscii(String domain) {
        try {
            return IDN.toASCII(domain).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "ResponsibilityIndex[ipPrefixes=" + ipOwners.length + ", ipv4Intervals=" + ipv4.intervalCount()
                + ", ipv6Intervals=" + ipv6.intervalCount() + ", asns=" + asns.size() + ", domains=" + domains.size()
                + "]";
    }
}

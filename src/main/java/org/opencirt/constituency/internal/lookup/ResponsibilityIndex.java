package org.opencirt.constituency.internal.lookup;

import java.net.IDN;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.opencirt.constituency.AssetKind;
import org.opencirt.constituency.AssetValues;

/**
 * Answers “who is responsible for this IP address, AS number or domain?” from memory, fast enough to sit on every
 * incoming event: an immutable snapshot built once from all owned assets and replaced as a whole when they change.
 *
 * <ul>
 *   <li>IP addresses: longest-prefix match. Nested prefixes are flattened into non-overlapping intervals in primitive
 *       arrays ({@link Ipv4Intervals}, {@link Ipv6Intervals}); owners are kept in primitive arrays too
 *       ({@link PrefixOwners}), and {@link #matchIPv4(int)} neither boxes nor allocates once the {@link Match} of a
 *       prefix has been made on its first lookup. IPv4-mapped IPv6 addresses ({@code ::ffff:192.0.2.1}) are looked
 *       up as IPv4.</li>
 *   <li>AS numbers: exact, in a primitive hash table.</li>
 *   <li>Domains: the most specific owned suffix on label boundaries ({@code mail.bank.example} is owned through
 *       {@code bank.example}, {@code notbank.example} is not); case-insensitive, trailing dot tolerated; found without
 *       allocating ({@link DomainTable}).</li>
 * </ul>
 *
 * <p>Values are expected canonical (see {@link AssetValues}); host bits set in a prefix are masked off, not rejected,
 * as rejecting is the validator's job when an asset is saved. When several assets own exactly the same prefix, AS
 * number or domain, the lowest asset id wins, so answers are deterministic; reporting such overlaps is the service's
 * job. Lookups return null when nobody is responsible.
 *
 * <p>The index is immutable and safe to share between threads: its tables are filled by {@link #build} and never
 * changed afterwards, and are reachable only through its final fields, which publishes them safely (JLS 17.5). The one
 * exception, the matches {@link PrefixOwners} makes on first use, is a benign race explained there.
 */
public final class ResponsibilityIndex {

    /** Bits of an IPv4 sort key that hold the owner slot, below the prefix length and the start address. */
    private static final int SLOT_BITS = 26;
    private static final long SLOT_MASK = (1L << SLOT_BITS) - 1;

    private final PrefixOwners ipOwners;
    private final Ipv4Intervals ipv4;
    private final Ipv6Intervals ipv6;
    private final AsnTable asns;
    private final DomainTable domains;

    private ResponsibilityIndex(PrefixOwners ipOwners, Ipv4Intervals ipv4, Ipv6Intervals ipv6, AsnTable asns,
            DomainTable domains) {
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
        PrefixOwners ipOwners = new PrefixOwners(ipv4Count, ipv6Count);
        long[] ipv4Keys = new long[ipv4Count];
        Ipv6Prefixes ipv6Prefixes = new Ipv6Prefixes(ipv6Count, ipv4Count);
        AsnTable asns = new AsnTable(asnCount);
        DomainTable domains = new DomainTable(assets.size() - cidrCount - asnCount);
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
    private static long ipv4Key(IndexedAsset asset, int slot, PrefixOwners ipOwners) {
        long parsed = IpText.parseIPv4Cidr(asset.value());
        if (parsed == IpText.INVALID) {
            throw invalid(asset, "an IPv4 address or CIDR range");
        }
        int length = (int) (parsed >>> 32);
        int start = (int) parsed & IpText.ipv4Mask(length);
        ipOwners.setIpv4(slot, asset, start, length);
        return (long) (start ^ Integer.MIN_VALUE) << 32 | (long) length << SLOT_BITS | slot;
    }

    /** Sorts and flattens the IPv4 prefixes, counting the intervals first so that their array is made just once. */
    private static Ipv4Intervals flattenIPv4(long[] keys, PrefixOwners ipOwners) {
        Arrays.sort(keys);
        int[] count = new int[1];
        flattenIPv4(keys, ipOwners, (startHi, startLo, owner) -> count[0]++);
        Ipv4Intervals intervals = new Ipv4Intervals(count[0]);
        flattenIPv4(keys, ipOwners, intervals);
        return intervals.complete();
    }

    private static void flattenIPv4(long[] sortedKeys, PrefixOwners ipOwners, PrefixFlattener.Sink sink) {
        PrefixFlattener flattener = new PrefixFlattener(32, ipOwners.assetIds(), sink);
        for (long key : sortedKeys) {
            int start = (int) (key >>> 32) ^ Integer.MIN_VALUE;
            flattener.add(0, start & 0xFFFF_FFFFL, (int) (key >>> SLOT_BITS) & 63, (int) (key & SLOT_MASK));
        }
        flattener.finish();
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

        void add(IndexedAsset asset, PrefixOwners ipOwners) {
            String value = asset.value();
            int slash = value.indexOf('/');
            int length = slash < 0 ? 128 : IpText.parsePrefixLength(value, slash + 1, 128);
            long[] bits = new long[2];
            if (length < 0 || !IpText.parseIPv6Address(slash < 0 ? value : value.substring(0, slash), bits)) {
                throw invalid(asset, "an IPv6 address or CIDR range");
            }
            highs[size] = bits[0] & IpText.ipv6HighMask(length);
            lows[size] = bits[1] & IpText.ipv6LowMask(length);
            lengths[size] = length;
            ipOwners.setIpv6(firstSlot + size, asset, highs[size], lows[size], length);
            size++;
        }

        Ipv6Intervals flatten(PrefixOwners ipOwners) {
            Integer[] order = new Integer[size];
            Arrays.setAll(order, i -> i);
            Arrays.sort(order, Comparator.<Integer>comparingLong(i -> highs[i] ^ Long.MIN_VALUE)
                    .thenComparingLong(i -> lows[i] ^ Long.MIN_VALUE)
                    .thenComparingInt(i -> lengths[i]));
            Ipv6Intervals intervals = new Ipv6Intervals(2 * size + 1);
            PrefixFlattener flattener = new PrefixFlattener(128, ipOwners.assetIds(), intervals);
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

    private static void addDomain(IndexedAsset asset, DomainTable domains) {
        String name = normaliseDomain(asset.value());
        if (name == null || name.isEmpty()) {
            throw invalid(asset, "a domain name");
        }
        int labels = 1;
        for (int i = name.indexOf('.'); i >= 0; i = name.indexOf('.', i + 1)) {
            labels++;
        }
        Match match = new Match(asset.assetId(), asset.organisationId(), AssetKind.DOMAIN, name, labels);
        domains.put(name, match);
    }

    private static IllegalArgumentException invalid(IndexedAsset asset, String expected) {
        return new IllegalArgumentException("Asset " + asset.assetId() + " (" + asset.kind() + "): '" + asset.value()
                + "' is not " + expected);
    }

    /**
     * Who is responsible for an IPv4 address; the hot path: no boxing, and no allocation but the first time a
     * prefix matches.
     *
     * @param address the 32 address bits ({@code 192.0.2.1} is {@code 0xC0000201})
     * @return the most specific owned prefix that contains it, or null
     */
    public Match matchIPv4(int address) {
        return ipOwners.match(ipv4.find(address));
    }

    /**
     * Who is responsible for an IPv6 address, given as its high and low 64 bits.
     *
     * @return the most specific owned prefix that contains it, or null
     */
    public Match matchIPv6(long high, long low) {
        return ipOwners.match(ipv6.find(high, low));
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
        long[] bits = new long[2];
        if (address.indexOf(':') < 0 || !IpText.parseIPv6Address(address, bits)) {
            throw new IllegalArgumentException("'" + address + "' is not an IP address");
        }
        boolean ipv4Mapped = bits[0] == 0 && bits[1] >>> 32 == 0xFFFF;
        return ipv4Mapped ? matchIPv4((int) bits[1]) : matchIPv6(bits[0], bits[1]);
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
        int end = endWithoutTrailingDot(domain);
        if (isAscii(domain, end)) {
            return domains.longestSuffix(domain, end);
        }
        String ascii = idnToAscii(domain.substring(0, end));
        return ascii == null ? null : domains.longestSuffix(ascii, ascii.length());
    }

    /**
     * Who is responsible for a host as {@link AssetValues#hostOfUrl} or {@link AssetValues#domainOfEmail} return it:
     * an IP address or a domain name.
     *
     * @return the match, or null
     */
    public Match matchHost(String host) {
        long ipv4Address = IpText.parseIPv4(host, 0, host.length());
        if (ipv4Address != IpText.INVALID) {
            return matchIPv4((int) ipv4Address);
        }
        return host.indexOf(':') >= 0 ? matchIp(host) : matchDomain(host);
    }

    /** Lower case, no trailing dot, internationalised labels in punycode; null when IDN conversion fails. */
    private static String normaliseDomain(String domain) {
        int end = endWithoutTrailingDot(domain);
        String name = domain.substring(0, end);
        return isAscii(domain, end) ? name.toLowerCase(Locale.ROOT) : idnToAscii(name);
    }

    private static int endWithoutTrailingDot(String domain) {
        int end = domain.length();
        return end > 0 && domain.charAt(end - 1) == '.' ? end - 1 : end;
    }

    private static boolean isAscii(String text, int end) {
        for (int i = 0; i < end; i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
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
        return "ResponsibilityIndex[ipPrefixes=" + ipOwners.count() + ", ipv4Intervals=" + ipv4.intervalCount()
                + ", ipv6Intervals=" + ipv6.intervalCount() + ", asns=" + asns.size() + ", domains=" + domains.size()
                + "]";
    }
}

package org.opencirt.constituency.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Locale;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.util.encoders.Hex;

/**
 * Reads an ASCII-armoured OpenPGP public key with Bouncy Castle, so that the fingerprint shown to users is
 * computed from the key and a pasted private key or garbage is refused with a clear message.
 */
public final class OpenPgpKeys {

    private OpenPgpKeys() {
    }

    /** The primary key's fingerprint in upper-case hex; IllegalArgumentException with a readable reason otherwise. */
    public static String fingerprint(String armoured) {
        if (armoured.contains("PRIVATE KEY BLOCK")) {
            throw new IllegalArgumentException("is a private key; paste the public key only");
        }
        if (!armoured.contains("-----BEGIN PGP PUBLIC KEY BLOCK-----")) {
            throw new IllegalArgumentException("is not an ASCII-armoured OpenPGP public key "
                    + "(expected -----BEGIN PGP PUBLIC KEY BLOCK-----)");
        }
        try (InputStream in = PGPUtil.getDecoderStream(
                new ByteArrayInputStream(armoured.trim().getBytes(StandardCharsets.US_ASCII)))) {
            PGPPublicKeyRingCollection rings = new PGPPublicKeyRingCollection(in, new BcKeyFingerprintCalculator());
            Iterator<PGPPublicKeyRing> iterator = rings.getKeyRings();
            if (!iterator.hasNext()) {
                throw new IllegalArgumentException("contains no public key");
            }
            PGPPublicKey primary = iterator.next().getPublicKey();
            return Hex.toHexString(primary.getFingerprint()).toUpperCase(Locale.ROOT);
        } catch (IOException | PGPException | RuntimeException e) {
            if (e instanceof IllegalArgumentException known && known.getMessage() != null
                    && known.getMessage().startsWith("contains")) {
                throw known;
            }
            throw new IllegalArgumentException("could not be read as an OpenPGP public key: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
    }

    /** Groups a fingerprint in blocks of four, as gpg shows it, so people can compare it by eye. */
    public static String formatted(String fingerprint) {
        if (fingerprint == null) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < fingerprint.length(); i += 4) {
            if (i > 0) {
                out.append(i == fingerprint.length() / 2 ? "  " : " ");
            }
            out.append(fingerprint, i, Math.min(i + 4, fingerprint.length()));
        }
        return out.toString();
    }
}

package org.opencirt.test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPKeyPair;
import org.bouncycastle.util.encoders.Hex;

/** Makes real OpenPGP public keys for tests, so fingerprints are checked against Bouncy Castle's own. */
public final class PgpTestKeys {

    private PgpTestKeys() {
    }

    /** An armoured RSA public key and its fingerprint in upper-case hex. */
    public record Key(String armoured, String fingerprint) {
    }

    public static Key generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            PGPPublicKey key = new JcaPGPKeyPair(PGPPublicKey.RSA_GENERAL, generator.generateKeyPair(), new Date())
                    .getPublicKey();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ArmoredOutputStream armour = new ArmoredOutputStream(out)) {
                new PGPPublicKeyRing(List.of(key)).encode(armour);
            }
            return new Key(out.toString(StandardCharsets.US_ASCII),
                    Hex.toHexString(key.getFingerprint()).toUpperCase(Locale.ROOT));
        } catch (NoSuchAlgorithmException | PGPException | IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

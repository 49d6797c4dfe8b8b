package org.opencirt.test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.math.BigInteger;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.crypto.generators.RSAKeyPairGenerator;
import org.bouncycastle.crypto.params.RSAKeyGenerationParameters;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.operator.bc.BcPGPKeyPair;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPKeyPair;
import org.bouncycastle.util.encoders.Hex;

/** Makes real OpenPGP keys (public only, or pairs) for tests, so fingerprints are checked against Bouncy Castle's own. */
public final class PgpTestKeys {

    private PgpTestKeys() {
    }

    /** An armoured RSA public key and its fingerprint in upper-case hex. */
    public record Key(String armoured, String fingerprint) {
    }

    /** A key whose private half the test keeps, to decrypt what was encrypted to the public half. */
    public record KeyPair(String armoured, String fingerprint, PGPPrivateKey privateKey) {
    }

    /** An RSA key pair made with Bouncy Castle's lightweight API. */
    public static KeyPair generatePair() {
        try {
            RSAKeyPairGenerator rsa = new RSAKeyPairGenerator();
            rsa.init(new RSAKeyGenerationParameters(BigInteger.valueOf(0x10001), new SecureRandom(), 2048, 12));
            BcPGPKeyPair pair = new BcPGPKeyPair(PGPPublicKey.RSA_GENERAL, rsa.generateKeyPair(), new Date());
            Key key = armour(pair.getPublicKey());
            return new KeyPair(key.armoured(), key.fingerprint(), pair.getPrivateKey());
        } catch (PGPException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Key generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return armour(new JcaPGPKeyPair(PGPPublicKey.RSA_GENERAL, generator.generateKeyPair(), new Date())
                    .getPublicKey());
        } catch (NoSuchAlgorithmException | PGPException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Key armour(PGPPublicKey key) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ArmoredOutputStream armour = new ArmoredOutputStream(out)) {
            new PGPPublicKeyRing(List.of(key)).encode(armour);
        }
        return new Key(out.toString(StandardCharsets.US_ASCII),
                Hex.toHexString(key.getFingerprint()).toUpperCase(Locale.ROOT));
    }
}

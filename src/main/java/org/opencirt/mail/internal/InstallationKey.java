package org.opencirt.mail.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.crypto.generators.RSAKeyPairGenerator;
import org.bouncycastle.crypto.params.RSAKeyGenerationParameters;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPKeyRingGenerator;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRingCollection;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.PBESecretKeyEncryptor;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPBESecretKeyDecryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPBESecretKeyEncryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;
import org.bouncycastle.openpgp.operator.bc.BcPGPKeyPair;
import org.bouncycastle.util.encoders.Hex;
import org.opencirt.audit.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The installation's own OpenPGP key that signs every outgoing mail, so constituents can tell real notifications
 * from forgeries. Read from {@code opencirt.mail.signing-key}, or generated once (RSA-3072) into
 * {@code ${opencirt.data-dir}/keys/} and reused on later starts.
 */
@Component
public class InstallationKey {

    private static final Logger LOG = LoggerFactory.getLogger(InstallationKey.class);
    private static final int RSA_BITS = 3072;

    private final PGPSecretKey secretKey;
    private final PGPPrivateKey privateKey;
    private final String armouredPublicKey;
    private final String fingerprint;
    private final AuditLog audit;
    private final boolean generated;

    public InstallationKey(@Value("${opencirt.mail.signing-key:}") String configuredPath,
            @Value("${opencirt.mail.signing-key-passphrase:}") String passphrase,
            @Value("${opencirt.data-dir:./data}") String dataDir, @Value("${opencirt.mail.from:cert@localhost}") String from,
            AuditLog audit) {
        this.audit = audit;
        char[] secret = passphrase.toCharArray();
        try {
            Path path = configuredPath.isBlank() ? Path.of(dataDir, "keys", "signing-key.asc") : Path.of(configuredPath);
            generated = configuredPath.isBlank() && !Files.exists(path);
            if (generated) {
                generate(path, from, secret);
            }
            secretKey = readSigningKey(path);
            privateKey = secretKey.extractPrivateKey(
                    new BcPBESecretKeyDecryptorBuilder(new BcPGPDigestCalculatorProvider()).build(secret));
            armouredPublicKey = armour(publicRing(path));
            fingerprint = Hex.toHexString(secretKey.getPublicKey().getFingerprint()).toUpperCase(Locale.ROOT);
        } catch (IOException | PGPException e) {
            throw new IllegalStateException("cannot read or create the OpenPGP signing key: " + e.getMessage(), e);
        }
        LOG.info("OpenPGP signing key {} of {}", generated ? "generated" : "loaded", fingerprint);
    }

    /** Records a generated key in the audit log once the database is ready. */
    @EventListener(ApplicationReadyEvent.class)
    public void auditGeneratedKey() {
        if (generated) {
            audit.recordAs("system", "CREATE", "signing-key", fingerprint,
                    "generated the installation's OpenPGP signing key " + fingerprint);
        }
    }

    public PGPPublicKey publicKey() {
        return secretKey.getPublicKey();
    }

    public PGPPrivateKey privateKey() {
        return privateKey;
    }

    public String armouredPublicKey() {
        return armouredPublicKey;
    }

    public String fingerprint() {
        return fingerprint;
    }

    private static void generate(Path path, String from, char[] passphrase) throws IOException, PGPException {
        RSAKeyPairGenerator rsa = new RSAKeyPairGenerator();
        rsa.init(new RSAKeyGenerationParameters(BigInteger.valueOf(0x10001), new SecureRandom(), RSA_BITS, 12));
        BcPGPKeyPair pair = new BcPGPKeyPair(PublicKeyAlgorithmTags.RSA_GENERAL, rsa.generateKeyPair(), new Date());
        PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
        hashed.setKeyFlags(false, KeyFlags.SIGN_DATA | KeyFlags.CERTIFY_OTHER);
        hashed.setPreferredHashAlgorithms(false, new int[] {HashAlgorithmTags.SHA256, HashAlgorithmTags.SHA512});
        PBESecretKeyEncryptor encryptor = passphrase.length == 0 ? null
                : new BcPBESecretKeyEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256,
                        new BcPGPDigestCalculatorProvider().get(HashAlgorithmTags.SHA256)).build(passphrase);
        PGPKeyRingGenerator rings = new PGPKeyRingGenerator(PGPSignature.POSITIVE_CERTIFICATION, pair,
                "OpenCIRT notifications <" + from + ">",
                new BcPGPDigestCalculatorProvider().get(HashAlgorithmTags.SHA1), hashed.generate(), null,
                new BcPGPContentSignerBuilder(PublicKeyAlgorithmTags.RSA_GENERAL, HashAlgorithmTags.SHA256), encryptor);
        Files.createDirectories(path.getParent());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ArmoredOutputStream armour = new ArmoredOutputStream(out)) {
            rings.generateSecretKeyRing().encode(armour);
        }
        Files.write(path, out.toByteArray());
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            LOG.warn("cannot restrict the permissions of {}; protect it by other means", path);
        }
    }

    private static PGPSecretKey readSigningKey(Path path) throws IOException, PGPException {
        for (PGPSecretKeyRing ring : secretRings(path)) {
            Iterator<PGPSecretKey> keys = ring.getSecretKeys();
            while (keys.hasNext()) {
                PGPSecretKey key = keys.next();
                if (key.isSigningKey() && !key.isPrivateKeyEmpty()) {
                    return key;
                }
            }
        }
        throw new PGPException("no signing key in " + path);
    }

    private static PGPPublicKeyRing publicRing(Path path) throws IOException, PGPException {
        List<PGPPublicKey> keys = new ArrayList<>();
        secretRings(path).get(0).getPublicKeys().forEachRemaining(keys::add);
        return new PGPPublicKeyRing(keys);
    }

    private static List<PGPSecretKeyRing> secretRings(Path path) throws IOException, PGPException {
        try (InputStream in = PGPUtil.getDecoderStream(Files.newInputStream(path))) {
            List<PGPSecretKeyRing> rings = new ArrayList<>();
            new PGPSecretKeyRingCollection(in, new BcKeyFingerprintCalculator()).getKeyRings()
                    .forEachRemaining(rings::add);
            if (rings.isEmpty()) {
                throw new PGPException("no secret key in " + path);
            }
            return rings;
        }
    }

    private static String armour(PGPPublicKeyRing ring) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ArmoredOutputStream armour = new ArmoredOutputStream(out)) {
            ring.encode(armour);
        }
        return out.toString(StandardCharsets.US_ASCII);
    }
}

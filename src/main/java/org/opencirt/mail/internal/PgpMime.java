package org.opencirt.mail.internal;

import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPEncryptedDataGenerator;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPLiteralDataGenerator;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDataEncryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPublicKeyKeyEncryptionMethodGenerator;

/**
 * RFC 3156 PGP/MIME with Bouncy Castle: a detached SHA-256 signature over the exact bytes of the signed MIME part
 * (multipart/signed), and signed-then-encrypted messages (multipart/encrypted). The signed part is frozen once
 * serialised, so Jakarta Mail cannot re-encode it and break the signature.
 */
public final class PgpMime {

    private static final SecureRandom RANDOM = new SecureRandom();

    private PgpMime() {
    }

    /** multipart/signed over {@code content}, signed with the installation key. */
    public static MimeMultipart signed(PreparedPart content, InstallationKey key) throws MessagingException {
        content.setHeader("Content-Transfer-Encoding", "7bit");
        FrozenPart frozen = new FrozenPart(content.bytes());
        MimeBodyPart signature = asciiPart(sign(serialise(frozen), key),
                "application/pgp-signature; name=signature.asc");
        signature.setDescription("OpenPGP digital signature");
        signature.setDisposition(Part.ATTACHMENT);
        signature.setFileName("signature.asc");
        MimeMultipart signed = new ProtocolMultipart("signed", "application/pgp-signature", "pgp-sha256");
        signed.addBodyPart(frozen);
        signed.addBodyPart(signature);
        return signed;
    }

    /** multipart/encrypted holding the signed multipart, encrypted to every given key. */
    public static MimeMultipart encrypted(MimeMultipart signed, List<PGPPublicKey> recipients)
            throws MessagingException {
        PreparedPart wrapper = new PreparedPart();
        wrapper.setContent(signed);
        MimeMultipart encrypted = new ProtocolMultipart("encrypted", "application/pgp-encrypted", null);
        MimeBodyPart control = asciiPart("Version: 1\r\n", "application/pgp-encrypted");
        control.setDescription("PGP/MIME version identification");
        MimeBodyPart data = asciiPart(encrypt(wrapper.bytes(), recipients),
                "application/octet-stream; name=encrypted.asc");
        data.setDescription("OpenPGP encrypted message");
        data.setDisposition(Part.INLINE);
        data.setFileName("encrypted.asc");
        encrypted.addBodyPart(control);
        encrypted.addBodyPart(data);
        return encrypted;
    }

    /** The key of an armoured public key block to encrypt to: an encryption subkey if there is one. */
    public static PGPPublicKey encryptionKey(String armoured) {
        try (InputStream in = PGPUtil.getDecoderStream(
                new ByteArrayInputStream(armoured.trim().getBytes(StandardCharsets.US_ASCII)))) {
            PGPPublicKey found = null;
            Iterator<PGPPublicKeyRing> rings = new PGPPublicKeyRingCollection(in, new BcKeyFingerprintCalculator())
                    .getKeyRings();
            while (rings.hasNext()) {
                for (PGPPublicKey key : rings.next()) {
                    if (key.isEncryptionKey() && !key.hasRevocation() && (found == null || found.isMasterKey())) {
                        found = key;
                    }
                }
            }
            if (found == null) {
                throw new IllegalArgumentException("the key has no encryption key");
            }
            return found;
        } catch (IOException | PGPException e) {
            throw new IllegalArgumentException("cannot read OpenPGP public key: " + e.getMessage(), e);
        }
    }

    private static String sign(byte[] data, InstallationKey key) throws MessagingException {
        try {
            PGPSignatureGenerator generator = new PGPSignatureGenerator(
                    new BcPGPContentSignerBuilder(key.publicKey().getAlgorithm(), HashAlgorithmTags.SHA256),
                    key.publicKey());
            generator.init(PGPSignature.BINARY_DOCUMENT, key.privateKey());
            PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
            hashed.setSignatureCreationTime(false, new Date());
            hashed.setIssuerFingerprint(false, key.publicKey());
            generator.setHashedSubpackets(hashed.generate());
            generator.update(data);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ArmoredOutputStream armour = new ArmoredOutputStream(out)) {
                generator.generate().encode(armour);
            }
            return out.toString(StandardCharsets.US_ASCII);
        } catch (PGPException | IOException e) {
            throw new MessagingException("OpenPGP signing failed: " + e.getMessage(), e);
        }
    }

    private static String encrypt(byte[] data, List<PGPPublicKey> recipients) throws MessagingException {
        PGPEncryptedDataGenerator generator = new PGPEncryptedDataGenerator(
                new BcPGPDataEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256).setWithIntegrityPacket(true)
                        .setSecureRandom(RANDOM));
        recipients.forEach(key -> generator.addMethod(new BcPublicKeyKeyEncryptionMethodGenerator(key)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ArmoredOutputStream armour = new ArmoredOutputStream(out);
                OutputStream encrypted = generator.open(armour, new byte[1 << 16]);
                OutputStream literal = new PGPLiteralDataGenerator().open(encrypted, PGPLiteralData.BINARY, "",
                        data.length, new Date())) {
            literal.write(data);
        } catch (PGPException | IOException e) {
            throw new MessagingException("OpenPGP encryption failed: " + e.getMessage(), e);
        }
        return out.toString(StandardCharsets.US_ASCII);
    }

    private static MimeBodyPart asciiPart(String text, String contentType) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(text.getBytes(StandardCharsets.US_ASCII),
                contentType)));
        part.setHeader("Content-Type", contentType);
        part.setHeader("Content-Transfer-Encoding", "7bit");
        return part;
    }

    private static byte[] serialise(MimeBodyPart part) throws MessagingException {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            part.writeTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new MessagingException("cannot serialise a MIME part", e);
        }
    }

    /** A body part that can be serialised on its own: its headers (and its children's) are updated first. */
    public static final class PreparedPart extends MimeBodyPart {
        byte[] bytes() throws MessagingException {
            updateHeaders();
            return serialise(this);
        }
    }

    /** A body part parsed from bytes that is written back exactly as read. */
    static final class FrozenPart extends MimeBodyPart {
        FrozenPart(byte[] bytes) throws MessagingException {
            super(new ByteArrayInputStream(bytes));
        }

        @Override
        protected void updateHeaders() {
            // keep the signed bytes exactly as they are
        }
    }

    /** multipart/signed or multipart/encrypted with the protocol (and micalg) parameters RFC 1847 requires. */
    static final class ProtocolMultipart extends MimeMultipart {
        ProtocolMultipart(String subtype, String protocol, String micalg) throws MessagingException {
            super(subtype);
            ContentType type = new ContentType(contentType);
            type.setParameter("protocol", protocol);
            if (micalg != null) {
                type.setParameter("micalg", micalg);
            }
            contentType = type.toString();
        }
    }
}

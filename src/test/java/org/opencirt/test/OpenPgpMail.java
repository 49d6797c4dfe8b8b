package org.opencirt.test;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.BodyPart;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.bouncycastle.openpgp.PGPEncryptedDataList;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPPublicKeyEncryptedData;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;
import org.bouncycastle.openpgp.operator.bc.BcPublicKeyDataDecryptorFactory;

/**
 * Reads PGP/MIME (RFC 3156) mail as a recipient's mail client does, for tests of what OpenCIRT sends: checks the
 * signature over the exact signed bytes, and decrypts with the recipient's private key.
 */
public final class OpenPgpMail {

    private OpenPgpMail() {
    }

    /**
     * Verifies a multipart/signed entity against the armoured public key and returns the signed part as it was
     * signed (the bytes between the first two boundaries); fails the test when the signature does not hold.
     */
    public static MimeBodyPart verifiedSignedPart(byte[] entity, String armouredKey) throws Exception {
        MimeBodyPart parsed = new MimeBodyPart(new ByteArrayInputStream(entity));
        assertThat(parsed.getContentType()).startsWith("multipart/signed");
        String boundary = new ContentType(parsed.getContentType()).getParameter("boundary");
        String text = new String(entity, StandardCharsets.US_ASCII);
        int start = text.indexOf("--" + boundary + "\r\n") + boundary.length() + 4;
        byte[] signed = Arrays.copyOfRange(entity, start, text.indexOf("\r\n--" + boundary, start));
        BodyPart signaturePart = ((MimeMultipart) parsed.getContent()).getBodyPart(1);
        assertThat(signaturePart.getContentType()).startsWith("application/pgp-signature");
        PGPSignature signature = ((PGPSignatureList) new BcPGPObjectFactory(
                PGPUtil.getDecoderStream(signaturePart.getInputStream())).nextObject()).get(0);
        try (InputStream key = PGPUtil.getDecoderStream(new ByteArrayInputStream(
                armouredKey.getBytes(StandardCharsets.US_ASCII)))) {
            signature.init(new BcPGPContentVerifierBuilderProvider(),
                    new PGPPublicKeyRing(key, new BcKeyFingerprintCalculator()).getPublicKey());
        }
        signature.update(signed);
        assertThat(signature.verify()).as("signature over the signed part").isTrue();
        return new MimeBodyPart(new ByteArrayInputStream(signed));
    }

    /** The clear bytes of an armoured OpenPGP message encrypted to the key pair. */
    public static byte[] decrypt(InputStream armoured, PgpTestKeys.KeyPair key) throws Exception {
        BcPGPObjectFactory objects = new BcPGPObjectFactory(PGPUtil.getDecoderStream(armoured));
        Object first = objects.nextObject();
        PGPEncryptedDataList list = (PGPEncryptedDataList) (first instanceof PGPEncryptedDataList l ? l
                : objects.nextObject());
        PGPPublicKeyEncryptedData data = (PGPPublicKeyEncryptedData) list.get(0);
        PGPLiteralData literal = (PGPLiteralData) new BcPGPObjectFactory(
                data.getDataStream(new BcPublicKeyDataDecryptorFactory(key.privateKey()))).nextObject();
        byte[] clear = literal.getInputStream().readAllBytes();
        assertThat(data.verify()).as("integrity protection").isTrue();
        return clear;
    }
}

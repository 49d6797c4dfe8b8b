package org.opencirt.test;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.openpgp.PGPEncryptedDataList;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPPublicKey;
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
 * Reading mail as a recipient does, for tests against GreenMail over real SMTP: who got what, and whether an
 * OpenPGP/MIME signature (RFC 3156) verifies against the installation's public key from the API.
 */
public final class TestMail {

    private TestMail() {
    }

    /** A free local port for a test mail server. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The messages addressed to one address, each once: GreenMail keeps one copy per recipient, so a message to
     * three recipients is counted once, by its Message-ID.
     */
    public static List<MimeMessage> receivedBy(GreenMail server, String address) {
        Set<String> seen = new HashSet<>();
        return Arrays.stream(server.getReceivedMessages()).filter(message -> {
            try {
                return Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                        .anyMatch(to -> to.toString().equals(address)) && seen.add(message.getMessageID());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    /** The message as it went over the wire. */
    public static byte[] raw(MimeMessage message) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            message.writeTo(out);
            return out.toByteArray();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The installation's public signing key, as constituents get it: from the API. */
    public static PGPPublicKey installationKey(TestHttpClient client) {
        TestHttpClient.Response response = client.get("/api/v1/notifications/signing-key");
        assertThat(response.status()).isEqualTo(200);
        try (InputStream in = PGPUtil.getDecoderStream(
                new ByteArrayInputStream(response.body().getBytes(StandardCharsets.US_ASCII)))) {
            return new PGPPublicKeyRing(in, new BcKeyFingerprintCalculator()).getPublicKey();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Checks a multipart/signed entity as a mail client does (the signature covers the first part's bytes exactly as
     * transmitted, between the boundaries) and returns the signed part's content: the text, then the attachments.
     */
    public static MimeMultipart verifiedSignedContent(byte[] entity, PGPPublicKey key) throws Exception {
        MimeBodyPart parsed = new MimeBodyPart(new ByteArrayInputStream(entity));
        assertThat(parsed.getContentType()).startsWith("multipart/signed");
        String boundary = new ContentType(parsed.getContentType()).getParameter("boundary");
        String text = new String(entity, StandardCharsets.US_ASCII);
        int start = text.indexOf("--" + boundary + "\r\n") + boundary.length() + 4;
        int end = text.indexOf("\r\n--" + boundary, start);
        byte[] signed = Arrays.copyOfRange(entity, start, end);
        BodyPart signaturePart = ((MimeMultipart) parsed.getContent()).getBodyPart(1);
        assertThat(signaturePart.getContentType()).startsWith("application/pgp-signature");
        PGPSignature signature = ((PGPSignatureList) new BcPGPObjectFactory(
                PGPUtil.getDecoderStream(signaturePart.getInputStream())).nextObject()).get(0);
        signature.init(new BcPGPContentVerifierBuilderProvider(), key);
        signature.update(signed);
        assertThat(signature.verify()).as("signature over the signed part").isTrue();
        return (MimeMultipart) new MimeBodyPart(new ByteArrayInputStream(signed)).getContent();
    }

    /** The text of the attachment with this file name, or null when there is none. */
    public static String attachment(MimeMultipart content, String fileName) throws Exception {
        for (int i = 0; i < content.getCount(); i++) {
            BodyPart part = content.getBodyPart(i);
            if (fileName.equals(part.getFileName())) {
                return new String(part.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /** Decrypts an armoured OpenPGP message with the test's private key, checking its integrity protection. */
    public static byte[] decrypt(InputStream armoured, PgpTestKeys.KeyPair key) throws Exception {
        BcPGPObjectFactory objects = new BcPGPObjectFactory(PGPUtil.getDecoderStream(armoured));
        Object first = objects.nextObject();
        PGPEncryptedDataList list = (PGPEncryptedDataList) (first instanceof PGPEncryptedDataList l ? l
                : objects.nextObject());
        PGPPublicKeyEncryptedData data = (PGPPublicKeyEncryptedData) list.get(0);
        BcPGPObjectFactory clear = new BcPGPObjectFactory(
                data.getDataStream(new BcPublicKeyDataDecryptorFactory(key.privateKey())));
        PGPLiteralData literal = (PGPLiteralData) clear.nextObject();
        byte[] bytes = literal.getInputStream().readAllBytes();
        assertThat(data.verify()).as("integrity protection").isTrue();
        return bytes;
    }
}

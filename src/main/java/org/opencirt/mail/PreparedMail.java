package org.opencirt.mail;

/**
 * A signed (and maybe encrypted) message as it goes on the wire, so it can be stored before sending and resent
 * byte for byte, with the same Message-ID, after a failure or restart.
 */
public record PreparedMail(String messageId, byte[] raw, boolean signed, boolean encrypted) {
}

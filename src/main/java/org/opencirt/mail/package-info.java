/**
 * Secure outgoing mail, shared by every feature that writes to constituents: RFC 3156 PGP/MIME signed with the
 * installation's key, encrypted when every recipient's OpenPGP key is known. Notification digests and incident
 * correspondence both send through it, so it sits below both.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Secure mail")
package org.opencirt.mail;

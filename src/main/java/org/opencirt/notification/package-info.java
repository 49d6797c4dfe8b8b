/**
 * Notifications: signed, and when keys are known encrypted, e-mail digests that tell each organisation about its
 * own events, each one recorded (to whom, when, which events) before it is sent. {@link
 * org.opencirt.notification.SecureMailer} is the OpenPGP (RFC 3156) mail service other features reuse for
 * correspondence. Depends on the pipeline and the constituency, never the reverse.
 */
package org.opencirt.notification;

/**
 * Notifications: signed, and when keys are known encrypted, e-mail digests that tell each organisation about its
 * own events, each one recorded (to whom, when, which events) before it is sent, through the secure mail module.
 * Depends on the pipeline and the constituency, never the reverse.
 */
package org.opencirt.notification;

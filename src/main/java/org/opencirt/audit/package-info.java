/**
 * The audit log: every change to OpenCIRT data, whoever made it and through whichever channel, is
 * appended here in the same transaction, chained by SHA-256 so that a removed or altered entry is
 * detected. Other features call {@link org.opencirt.audit.AuditLog}; only ADMIN and AUDITOR read it.
 */
package org.opencirt.audit;

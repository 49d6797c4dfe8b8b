/**
 * Who is using OpenCIRT and what they may do: user accounts tied to an organisation of the
 * constituency, six roles, form login for people, personal API tokens for machines, and lock-out
 * after repeated failed logins. Other features read the caller through {@link org.opencirt.identity.CurrentUser}.
 */
package org.opencirt.identity;

/**
 * Shared kernel: the few types every feature needs to speak the same language at its edges
 * (errors as RFC 9457 problems, paging, country codes). It holds no feature logic and no tables.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.opencirt.common;

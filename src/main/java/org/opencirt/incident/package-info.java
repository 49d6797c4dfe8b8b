/**
 * Incident handling, the daily work of analysts and duty officers: reports arrive by form, portal, API, e-mail
 * or IODEF and are stored raw first; triage turns them into incidents with observables, tasks, timeline, links
 * and one handling team at a time; constituents see only their own organisation's incidents within TLP.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Incident handling")
package org.opencirt.incident;

/**
 * The constituency: sectors, organisations with their networks, AS numbers and domains, their contacts,
 * and the teams (national, sectoral, organisational, foreign peer CIRTs). Its responsibility lookup is the
 * one place that answers “who is responsible for this IP, ASN, domain, URL or e-mail address, and how do
 * we reach them?” for every other feature.
 */
package org.opencirt.constituency;

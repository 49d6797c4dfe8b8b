package org.opencirt.incident;

/** Kinds of observable, each normalised so that the same indicator in two incidents correlates. */
public enum ObservableType {
    IPV4, IPV6, DOMAIN, URL, EMAIL, FILE_HASH, FILE_NAME, ASN, OTHER
}

package org.opencirt.identity;

/** The answer to a token request: the only time the secret {@code token} is ever returned. */
public record IssuedToken(ApiToken apiToken, String token) {
}

package org.opencirt.constituency;

import java.util.regex.Pattern;

/** A pragmatic e-mail syntax check (local@domain.tld), strict enough to catch typos in contact data. */
public final class EmailAddresses {

    private static final Pattern ADDRESS = Pattern.compile(
            "^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@([A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+"
                    + "[A-Za-z][A-Za-z0-9-]{0,62}$");

    private EmailAddresses() {
    }

    public static boolean isValid(String address) {
        return address != null && address.length() <= 320 && ADDRESS.matcher(address).matches();
    }
}

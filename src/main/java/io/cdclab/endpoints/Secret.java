package io.cdclab.endpoints;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A password or key that never shows itself: {@link #toString()} prints a mask, so a secret that slips into a
 * log line, a report or an exception message stays unreadable. Only {@link #reveal()} gives the value, and only
 * the code that hands it to a server (an environment variable, a JDBC property) calls it.
 */
public final class Secret {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value, "secret value");
    }

    public static Secret of(String value) {
        return new Secret(value);
    }

    /** A fresh random secret of {@code bytes} random bytes, hex encoded. */
    public static Secret random(int bytes) {
        byte[] raw = new byte[bytes];
        RANDOM.nextBytes(raw);
        return new Secret(HexFormat.of().formatHex(raw));
    }

    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "******";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret s && s.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}

package io.ferry.anonymize.strategy;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a rule does to a value. A spec writes the name, optionally followed by a colon and an argument:
 * {@code strategy: date-shift}, {@code strategy: "keep: published in the school directory"}.
 */
public enum Strategy {
    /** A realistic fake value for the data type; injective and in a reserved range for emails, usernames, state ids. */
    FAKE("fake", true),
    /** A keyed hash as lower-case hex ({@code hash: 16} for 16 hex digits; default 32). */
    HASH("hash", true),
    /** A keyed token that keeps the format: letters stay letters (case kept), digits stay digits, the rest stays. */
    TOKEN("token", true),
    /** Format-preserving encryption (FF1) of the digits; separators and other characters stay. {@code fpe: hex} for hex digits. */
    FPE("fpe", true),
    /** The date moved by one keyed offset per entity: 1 to 365 days earlier or later ({@code date-shift: 30} for at most 30). */
    DATE_SHIFT("date-shift", true),
    /** Less detail: {@code generalize: year}, {@code generalize: month} (dates), {@code generalize: zip3} (postal codes). */
    GENERALIZE("generalize", false),
    /** SQL NULL. */
    NULL("null", false),
    /** Masked: letters become {@code x}/{@code X}, digits {@code 0}, the rest stays; a bytea value becomes empty. */
    REDACT("redact", false),
    /** One fixed value: {@code "constant: N/A"}. */
    CONSTANT("constant", false),
    /** Left as it is; the argument says why: {@code "keep: the district's public phone line"}. */
    KEEP("keep", false),
    /** Free text, handled by the free-text scrubber ({@code io.ferry.anonymize.text}), not by {@link Anonymizer}. */
    SCRUB("scrub", false, "redact-entities");

    private final String specName;
    private final boolean transforms;
    private final List<String> aliases;

    Strategy(String specName, boolean transforms, String... aliases) {
        this.specName = specName;
        this.transforms = transforms;
        this.aliases = List.of(aliases);
    }

    /** The name a spec writes. */
    public String specName() {
        return specName;
    }

    /**
     * Whether the output is a new value computed from the input, so that it never equals the input (in canonical
     * form): true for fake, hash, token, fpe and date-shift. The others may return the input itself (keep, a
     * constant equal to the input, a date already on January 1st under {@code generalize: year}).
     */
    public boolean transforms() {
        return transforms;
    }

    /** The strategy a spec name (or an older alias) means, case-insensitively. */
    public static Optional<Strategy> fromSpecName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String n = name.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.specName.equals(n) || s.aliases.contains(n)).findFirst();
    }

    @Override
    public String toString() {
        return specName;
    }
}

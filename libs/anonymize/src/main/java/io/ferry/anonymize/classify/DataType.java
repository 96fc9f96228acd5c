package io.ferry.anonymize.classify;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The personal data types the preflight recognises, under the names the specs' {@code anonymize.rules}
 * use ({@code type: person.email}). The checked-in specs (the sample estate's, Pagila's, Northwind's)
 * already write {@code address.street}, {@code person.username} and {@code text.free}; those are the
 * names suggested. Older spellings are accepted as aliases when a rule is read.
 */
public enum DataType {
    FIRST_NAME("person.first_name"),
    LAST_NAME("person.last_name"),
    FULL_NAME("person.full_name"),
    EMAIL("person.email"),
    PHONE("person.phone"),
    BIRTH_DATE("person.birth_date"),
    STREET("address.street", "person.address.street"),
    CITY("address.city", "person.address.city"),
    POSTAL_CODE("address.postal_code", "person.address.zip", "address.zip"),
    STATE_ID("student.state_id"),
    USERNAME("person.username", "account.username"),
    SSN("person.ssn"),
    FREE_TEXT("text.free", "free_text"),
    IP("network.ip");

    private static final Map<String, DataType> BY_NAME = Arrays.stream(values())
            .flatMap(t -> Stream.concat(Stream.of(t.specName), Arrays.stream(t.aliases)).map(n -> Map.entry(n, t)))
            .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));

    private final String specName;
    private final String[] aliases;

    DataType(String specName, String... aliases) {
        this.specName = specName;
        this.aliases = aliases;
    }

    /** The name a rule writes: {@code person.email}. */
    public String specName() {
        return specName;
    }

    /** The type a rule's {@code type} names (spec name or alias, case-insensitive), if the preflight knows it. */
    public static Optional<DataType> fromSpecName(String name) {
        return name == null ? Optional.empty()
                : Optional.ofNullable(BY_NAME.get(name.strip().toLowerCase(Locale.ROOT)));
    }

    /** Whether the district's values of this type go into the free-text dictionary. */
    public boolean inDictionary() {
        return switch (this) {
            case FIRST_NAME, LAST_NAME, FULL_NAME, EMAIL, STATE_ID, USERNAME -> true;
            default -> false;
        };
    }

    /** Whether generated values of this type live in a reserved range that PROD must not already use. */
    public boolean hasReservedRange() {
        return switch (this) {
            case EMAIL, PHONE, STATE_ID, USERNAME -> true;
            default -> false;
        };
    }
}

package io.ferry.anonymize.strategy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import io.ferry.anonymize.strategy.Canonical.Form;

/**
 * A kind of personal data, named by a rule's {@code type}: how its values are compared ({@link Form}) and what is
 * done to them when the rule names no strategy. The known types below have defaults; a spec may name any other
 * dotted type ({@code person.photo}, {@code school.motto}) and then must name its strategy.
 *
 * <p>Two types are equal when their names are; aliases ({@code account.username}, {@code person.address.zip})
 * resolve to the known type, so they share fake values.
 */
public final class DataType {

    private static final Map<String, DataType> KNOWN = new LinkedHashMap<>();
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z0-9_]+)*");

    public static final DataType FIRST_NAME = known("person.first_name", Form.CASELESS, Strategy.FAKE, null);
    public static final DataType LAST_NAME = known("person.last_name", Form.CASELESS, Strategy.FAKE, null);
    public static final DataType FULL_NAME = known("person.full_name", Form.CASELESS, Strategy.FAKE, null,
            "person.name");
    public static final DataType EMAIL = known("person.email", Form.EMAIL, Strategy.FAKE, null);
    public static final DataType PHONE = known("person.phone", Form.PHONE, Strategy.FAKE, null);
    public static final DataType BIRTH_DATE = known("person.birth_date", Form.DATE, Strategy.DATE_SHIFT, null);
    public static final DataType STREET = known("address.street", Form.CASELESS, Strategy.FAKE, null,
            "person.address.street", "person.address.line1");
    public static final DataType CITY = known("address.city", Form.CASELESS, Strategy.FAKE, null,
            "person.address.city");
    public static final DataType POSTAL_CODE = known("address.postal_code", Form.IDENTIFIER, Strategy.TOKEN, null,
            "person.address.zip", "person.address.postal_code", "address.zip");
    public static final DataType STATE_ID = known("student.state_id", Form.IDENTIFIER, Strategy.FAKE, null);
    public static final DataType USERNAME = known("person.username", Form.USERNAME, Strategy.FAKE, null,
            "account.username");
    public static final DataType SSN = known("person.ssn", Form.DIGITS, Strategy.FAKE, null);
    public static final DataType IP = known("network.ip", Form.IP, Strategy.FAKE, null);
    public static final DataType UUID = known("person.uuid", Form.HEX, Strategy.FPE, "hex");
    public static final DataType PASSWORD_HASH = known("secret.password_hash", Form.TEXT, Strategy.HASH, null);
    /** Free text: the free-text scrubber's ({@code io.ferry.anonymize.text}), not {@link Anonymizer}'s. */
    public static final DataType FREE_TEXT = known("text.free", Form.TEXT, Strategy.SCRUB, null, "free_text");

    private final String name;
    private final Form form;
    private final Strategy defaultStrategy;
    private final String defaultArgument;
    private final List<String> aliases;

    private DataType(String name, Form form, Strategy defaultStrategy, String defaultArgument, List<String> aliases) {
        this.name = name;
        this.form = form;
        this.defaultStrategy = defaultStrategy;
        this.defaultArgument = defaultArgument;
        this.aliases = aliases;
    }

    private static DataType known(String name, Form form, Strategy strategy, String argument, String... aliases) {
        DataType t = new DataType(name, form, strategy, argument, List.of(aliases));
        KNOWN.put(name, t);
        for (String alias : aliases) {
            KNOWN.put(alias, t);
        }
        return t;
    }

    /**
     * The type a rule names: a known type (by name or alias, case-insensitively), else a type of the user's own
     * (compared as {@link Form#TEXT}, no default strategy).
     *
     * @throws RuleException when the name is not a dotted lower-case word list like {@code person.photo}
     */
    public static DataType of(String name) {
        if (name == null || name.isBlank()) {
            throw new RuleException("the rule has no type; write a data type such as person.first_name");
        }
        String n = name.strip().toLowerCase(Locale.ROOT);
        DataType known = KNOWN.get(n);
        if (known != null) {
            return known;
        }
        if (!NAME.matcher(n).matches()) {
            throw new RuleException("type '" + name.strip() + "' is not a data type name; write dotted words such "
                    + "as person.first_name or school.motto");
        }
        return new DataType(n, Form.TEXT, null, null, List.of());
    }

    /** The known types, in the order documented. */
    public static List<DataType> known() {
        return KNOWN.values().stream().distinct().toList();
    }

    /** The name rules write, e.g. {@code person.email}; it is also part of every keyed hash's input. */
    public String name() {
        return name;
    }

    /** Older or alternative names a rule may write for this type. */
    public List<String> aliases() {
        return aliases;
    }

    public Form form() {
        return form;
    }

    /** Whether Ferry knows this type (else it is a user's own). */
    public boolean isKnown() {
        return KNOWN.get(name) == this;
    }

    /** What a rule without {@code strategy} does; empty for a user's own type, which must name one. */
    public Optional<Strategy> defaultStrategy() {
        return Optional.ofNullable(defaultStrategy);
    }

    /** The default strategy's argument ({@code hex} for {@code person.uuid}), or null. */
    public String defaultArgument() {
        return defaultArgument;
    }

    /** The canonical form of a value of this type. */
    public String canonical(String value) {
        return Canonical.of(form, value);
    }

    /** Whether two values of this type have one canonical form ({@link Canonical#same}). */
    public boolean sameCanonical(String a, String b) {
        return Canonical.same(form, a, b);
    }

    /** Whether {@code fake} generates values of this type inside a reserved range ({@link ReservedRanges}). */
    public boolean hasReservedRange() {
        return this == EMAIL || this == PHONE || this == STATE_ID || this == USERNAME || this == IP || this == SSN;
    }

    /** Whether {@code fake} is injective for this type: distinct canonical values get distinct fake values. */
    public boolean fakeIsUnique() {
        return this == EMAIL || this == STATE_ID || this == USERNAME;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DataType other && other.name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return name;
    }
}

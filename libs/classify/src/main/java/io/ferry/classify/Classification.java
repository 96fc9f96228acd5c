package io.ferry.classify;

import io.ferry.anonymize.classify.DataType;
import io.ferry.anonymize.classify.FieldClassifier;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@link Classifier} judged one field.
 *
 * @param type     the suggested data type as a rule names it ({@code person.email}, {@code person.photo}), or
 *                 null when the field does not look personal
 * @param strategy the strategy a rule for that type should name: the type's default, or for a type Ferry has
 *                 no default for, the one that fits it ({@code redact} for photos, {@code fpe} for card numbers);
 *                 null when the field does not look personal
 * @param basis    which signal decided
 * @param reason   what fired, with counts; never a sampled value
 */
public record Classification(String type, String strategy, Basis basis, String reason) {

    /** The signal that decided, as the command line's comments name it. */
    public enum Basis {
        NAME("by name"),
        VALUES("by values"),
        CHECKSUM("pattern with checksum"),
        DICTIONARY("name dictionary"),
        TYPE("by declared type"),
        NONE("not personal");

        private final String label;

        Basis(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public Classification {
        Objects.requireNonNull(basis, "basis");
        Objects.requireNonNull(reason, "reason");
        if ((type == null) != (strategy == null)) {
            throw new IllegalArgumentException("a personal field has a type and a strategy, another neither");
        }
    }

    static Classification personal(String type, String strategy, Basis basis, String reason) {
        return new Classification(Objects.requireNonNull(type, "type"), strategy, basis, reason);
    }

    static Classification none(String reason) {
        return new Classification(null, null, Basis.NONE, reason);
    }

    /** The anonymizer's verdict, with its type's default strategy. */
    static Classification of(FieldClassifier.Verdict v) {
        if (!v.personal()) {
            return none(v.reason());
        }
        Basis basis = switch (v.signal()) {
            case NAME -> Basis.NAME;
            case VALUES -> Basis.VALUES;
            case TYPE -> Basis.TYPE;
            case NONE -> throw new IllegalStateException("a personal verdict without a signal");
        };
        return personal(v.type().specName(), Strategies.defaultFor(v.type().specName()), basis, v.reason());
    }

    public boolean personal() {
        return type != null;
    }

    /** The type when the preflight knows it (reserved ranges, the dictionary); empty for others or none. */
    public Optional<DataType> dataType() {
        return DataType.fromSpecName(type);
    }

    /** {@code by name: name 'email' reads as an email address}: what a comment or a log line says. */
    public String why() {
        return basis.label() + ": " + reason;
    }
}

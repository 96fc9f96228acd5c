package io.ferry.classify;

import io.ferry.anonymize.strategy.DataType;
import java.util.Map;

/** The strategy a proposed rule names for a type: its default, or for the types Ferry has none for, the fitting one. */
final class Strategies {

    /** Types the classifier suggests that have no default in the anonymizer (they are the spec's own). */
    static final Map<String, String> OWN = Map.of(
            Classifier.PHOTO, "redact",
            Classifier.CARD_NUMBER, "fpe",
            Classifier.IBAN, "fpe");

    private Strategies() {
    }

    /** {@code fake}, {@code date-shift}, {@code fpe: hex}, ... as a rule's {@code strategy} writes it. */
    static String defaultFor(String type) {
        DataType t = DataType.of(type);
        return t.defaultStrategy()
                .map(s -> t.defaultArgument() == null ? s.specName() : s.specName() + ": " + t.defaultArgument())
                .orElseGet(() -> {
                    String own = OWN.get(t.name());
                    if (own == null) {
                        throw new IllegalArgumentException("no strategy known for type " + type);
                    }
                    return own;
                });
    }
}

package io.ferry.classify;

import io.ferry.anonymize.classify.DataType;
import io.ferry.anonymize.classify.Field;
import io.ferry.anonymize.classify.RuleIndex;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One classified field and the spec's rule that covers it, if any. A field is covered when a rule in
 * {@code anonymize.rules} names it, whatever the rule's type ({@link RuleIndex}).
 *
 * @param rule the rule that covers the field, if any
 */
public record Assessment(Field field, Classification classification, Optional<RuleIndex.Ruled> rule) {

    /** By store, then table or label, then field, as findings and proposals are listed. */
    public static final Comparator<Assessment> ORDER = Comparator.comparing((Assessment a) -> a.field().store())
            .thenComparing(a -> a.field().tableText()).thenComparing(a -> a.field().fieldText());

    public Assessment {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(classification, "classification");
        Objects.requireNonNull(rule, "rule");
    }

    /** Classifies every sampled field and finds the rule covering it. */
    public static List<Assessment> assess(List<SampledField> fields, RuleIndex rules) {
        List<Assessment> out = new ArrayList<>(fields.size());
        for (SampledField s : fields) {
            out.add(new Assessment(s.field(), Classifier.classify(s.field(), s.samples()), rules.covering(s.field())));
        }
        return out;
    }

    /** Looks personal, and no rule covers it: the preflight fails on it, {@code ferry classify} proposes a rule. */
    public boolean unruledPersonal() {
        return classification.personal() && rule.isEmpty();
    }

    /** Looks personal, and a rule covers it. */
    public boolean covered() {
        return classification.personal() && rule.isPresent();
    }

    /** The rule's type when it names one the preflight knows, else the suggested type, if the preflight knows it. */
    public Optional<DataType> effectiveType() {
        Optional<DataType> ruled = rule.flatMap(RuleIndex.Ruled::dataType);
        return ruled.isPresent() ? ruled : classification.dataType();
    }

    /** The rule to add, as one spec line: {@code {column: ids.public.person.email, type: person.email}}. */
    public String ruleSnippet() {
        if (!classification.personal()) {
            throw new IllegalStateException(field + " does not look personal");
        }
        return field.ruleSnippet(classification.type());
    }
}

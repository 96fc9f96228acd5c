package io.ferry.extractor.preflight;

import io.ferry.anonymize.classify.FieldClassifier;
import io.ferry.anonymize.classify.DataType;
import io.ferry.anonymize.classify.Field;
import io.ferry.anonymize.classify.RuleIndex;
import io.ferry.contracts.messages.PreflightResult.Finding;
import io.ferry.contracts.messages.PreflightResult.Problem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The classification step of the preflight, without I/O: every sampled field is classified and matched
 * against the spec's rules; a field that looks personal and that no rule covers becomes an
 * {@code UNRULED_PERSONAL_FIELD} finding whose {@code ruleToAdd} is the suggested type.
 */
public final class PreflightAnalysis {

    /** A field with its sampled values (held only in memory, for the classifier). */
    public record Sampled(Field field, List<String> samples) {
        public Sampled {
            samples = List.copyOf(samples);
        }
    }

    /**
     * One classified field.
     *
     * @param rule the rule that covers the field, if any
     */
    public record Assessment(Field field, FieldClassifier.Verdict verdict, Optional<RuleIndex.Ruled> rule) {

        public boolean unruledPersonal() {
            return verdict.personal() && rule.isEmpty();
        }

        /** The rule's type when it names one the preflight knows, else the suggested type, if any. */
        public Optional<DataType> effectiveType() {
            Optional<DataType> ruled = rule.flatMap(RuleIndex.Ruled::dataType);
            return ruled.isPresent() ? ruled : Optional.ofNullable(verdict.type());
        }

        /** The finding for an unruled personal field. */
        public Finding finding() {
            return new Finding(field.store(), field.tableText(), field.fieldText(), Problem.UNRULED_PERSONAL_FIELD,
                    verdict.type().specName());
        }

        /** The rule to add, as a spec line: {@code {column: ids.public.person.email, type: person.email}}. */
        public String ruleSnippet() {
            return field.ruleSnippet(verdict.type());
        }
    }

    private PreflightAnalysis() {
    }

    public static List<Assessment> assess(List<Sampled> fields, RuleIndex rules) {
        List<Assessment> out = new ArrayList<>(fields.size());
        for (Sampled s : fields) {
            out.add(new Assessment(s.field(), FieldClassifier.classify(s.field(), s.samples()), rules.covering(s.field())));
        }
        return out;
    }

    /** The unruled personal fields as findings, sorted by store, table and field. */
    public static List<Finding> unruledFindings(List<Assessment> assessments) {
        return assessments.stream().filter(Assessment::unruledPersonal).map(Assessment::finding)
                .sorted(FINDING_ORDER).toList();
    }

    public static final Comparator<Finding> FINDING_ORDER = Comparator.comparing(Finding::store)
            .thenComparing(Finding::table).thenComparing(Finding::field).thenComparing(f -> f.problem().name());
}

package io.ferry.extractor.preflight;

import io.ferry.classify.Assessment;
import io.ferry.contracts.messages.PreflightResult.Finding;
import io.ferry.contracts.messages.PreflightResult.Problem;
import java.util.Comparator;
import java.util.List;

/**
 * The classification step's findings: every field the classifier ({@code io.ferry.classify}) found personal
 * and no rule covers becomes an {@code UNRULED_PERSONAL_FIELD} finding whose {@code ruleToAdd} is the
 * suggested type.
 */
public final class PreflightAnalysis {

    public static final Comparator<Finding> FINDING_ORDER = Comparator.comparing(Finding::store)
            .thenComparing(Finding::table).thenComparing(Finding::field).thenComparing(f -> f.problem().name());

    private PreflightAnalysis() {
    }

    /** The finding for an unruled personal field. */
    public static Finding finding(Assessment a) {
        if (!a.unruledPersonal()) {
            throw new IllegalArgumentException(a.field() + " is covered or does not look personal");
        }
        return new Finding(a.field().store(), a.field().tableText(), a.field().fieldText(),
                Problem.UNRULED_PERSONAL_FIELD, a.classification().type());
    }

    /** The unruled personal fields as findings, sorted by store, table and field. */
    public static List<Finding> unruledFindings(List<Assessment> assessments) {
        return assessments.stream().filter(Assessment::unruledPersonal).map(PreflightAnalysis::finding)
                .sorted(FINDING_ORDER).toList();
    }
}

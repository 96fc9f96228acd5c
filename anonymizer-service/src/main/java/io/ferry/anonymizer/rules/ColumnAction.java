package io.ferry.anonymizer.rules;

import io.ferry.anonymize.strategy.FieldAnonymizer;
import io.ferry.anonymize.strategy.FieldRule;
import java.util.List;

/** What the anonymizer does to one column (or graph property) of a batch. */
public sealed interface ColumnAction {

    /** No rule and not JSON: the value stays (the preflight made sure such a field does not look personal). */
    record Keep() implements ColumnAction {
    }

    /**
     * A rule's strategy applied to the whole value.
     *
     * @param where        the rule's field, as the spec names it (for messages)
     * @param entityColumn index of the column whose value scopes an entity-scoped rule, or -1
     */
    record Transform(String where, FieldRule rule, FieldAnonymizer anonymizer, int entityColumn)
            implements ColumnAction {
    }

    /** Free text ({@code text.free} with the scrub strategy): the free-text scrubber. */
    record Scrub(String where) implements ColumnAction {
    }

    /**
     * A json or jsonb column: the path rules are applied to their leaves, then every other string leaf is
     * scrubbed as free text.
     */
    record Json(String where, List<PathRule> rules, List<String> paths) implements ColumnAction {

        /** @param rules the path rules the anonymizer applies (free-text path rules are scrubbed like unruled leaves) */
        public Json(String where, List<PathRule> rules) {
            this(where, rules.stream().filter(r -> !r.rule().delegated()).toList(),
                    rules.stream().filter(r -> !r.rule().delegated()).map(PathRule::path).toList());
        }

        public Json {
            rules = List.copyOf(rules);
            paths = List.copyOf(paths);
        }
    }

    /** One rule on a JSON path of a column ({@code $.a.b}, {@code $.list[*].c}). */
    record PathRule(String where, String path, FieldRule rule, FieldAnonymizer anonymizer, int entityColumn) {
    }
}

package io.ferry.spec.model;

import java.util.List;

/** Anonymization: the key that makes the output deterministic, and the rules. Null key until configured. */
public record Anonymize(AnonymizeKey key, List<AnonymizeRule> rules) {

    public Anonymize {
        rules = List.copyOf(rules);
    }

    /** The key file (relative to the spec's folder) and its version; a new version gives new fake values. */
    public record AnonymizeKey(String file, int version) {
    }
}

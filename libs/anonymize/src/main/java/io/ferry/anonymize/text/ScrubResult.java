package io.ferry.anonymize.text;

/** The scrubbed text (or JSON) and how many replacements of each kind were made. */
public record ScrubResult(String text, ScrubCounts counts) {

    /** Whether anything was replaced. */
    public boolean changed() {
        return counts.total() > 0;
    }
}

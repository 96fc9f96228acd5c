package io.ferry.anonymize.text;

/**
 * Where the scrubber replaced something in the input: {@code [start, end)} in UTF-16 units of the input text,
 * and what it was. Carries no value, so it may be logged or reported.
 */
public record Finding(int start, int end, PiiKind kind) {
    public Finding {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("a finding spans [start, end) with 0 <= start <= end");
        }
    }
}

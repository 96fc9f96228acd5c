package io.ferry.anonymize.text;

/** What the free-text scrubber replaces. */
public enum PiiKind {
    /** An email address (by pattern). */
    EMAIL,
    /** A phone number: North American formats, or international with a leading {@code +} (by pattern). */
    PHONE,
    /** A valid US Social Security number (by pattern and validity rules). */
    SSN,
    /** A word of letters found in the district's token dictionary. */
    NAME,
    /** A token with digits (or an unbreakable letter token) found in the district's token dictionary. */
    ID
}

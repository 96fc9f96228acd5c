package io.ferry.extractor.preflight;

import io.ferry.anonymize.classify.ReservedRanges;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the preflight runs.
 *
 * @param sampleSize           non-null values sampled per column, JSON path and graph property (default 200)
 * @param enforce              true: a personal-looking field without a rule fails the run; false: such
 *                             fields are logged as warnings (no values) and the run passes. A PROD value in a
 *                             reserved range fails the run either way.
 * @param dictionaryKey        the HMAC key of the free-text dictionary (at least 16 bytes)
 * @param reservedEmailDomains domains reserved for generated emails besides {@code example.org}
 * @param idPrefix             the prefix reserved for generated identifiers ({@code F-})
 * @param spillThreshold       keys the closure holds on the heap before spilling to encrypted files
 * @param statementTimeout     PROD's {@code statement_timeout} for the preflight's sessions; zero keeps
 *                             the server's setting
 */
public record PreflightSettings(int sampleSize, boolean enforce, byte[] dictionaryKey,
        List<String> reservedEmailDomains, String idPrefix, long spillThreshold, Duration statementTimeout) {

    public static final int DEFAULT_SAMPLE_SIZE = 200;
    public static final long DEFAULT_SPILL_THRESHOLD = 20_000_000L;

    public PreflightSettings {
        if (sampleSize < 1) {
            throw new IllegalArgumentException("the preflight samples at least one value per field");
        }
        Objects.requireNonNull(dictionaryKey, "dictionaryKey");
        if (dictionaryKey.length < 16) {
            throw new IllegalArgumentException("the dictionary key must have at least 16 bytes");
        }
        dictionaryKey = dictionaryKey.clone();
        reservedEmailDomains = List.copyOf(reservedEmailDomains);
        Objects.requireNonNull(idPrefix, "idPrefix");
        Objects.requireNonNull(statementTimeout, "statementTimeout");
    }

    /** Enforcing, 200 samples, {@code example.org}, {@code F-}, the server's statement timeout. */
    public static PreflightSettings defaults(byte[] dictionaryKey) {
        return new PreflightSettings(DEFAULT_SAMPLE_SIZE, true, dictionaryKey, List.of(),
                ReservedRanges.DEFAULT_ID_PREFIX, DEFAULT_SPILL_THRESHOLD, Duration.ZERO);
    }

    public PreflightSettings withEnforce(boolean enforce) {
        return new PreflightSettings(sampleSize, enforce, dictionaryKey, reservedEmailDomains, idPrefix,
                spillThreshold, statementTimeout);
    }

    public PreflightSettings withSampleSize(int sampleSize) {
        return new PreflightSettings(sampleSize, enforce, dictionaryKey, reservedEmailDomains, idPrefix,
                spillThreshold, statementTimeout);
    }

    @Override
    public byte[] dictionaryKey() {
        return dictionaryKey.clone();
    }

    public ReservedRanges reservedRanges() {
        return new ReservedRanges(reservedEmailDomains, idPrefix);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PreflightSettings s && sampleSize == s.sampleSize && enforce == s.enforce
                && java.util.Arrays.equals(dictionaryKey, s.dictionaryKey)
                && reservedEmailDomains.equals(s.reservedEmailDomains) && idPrefix.equals(s.idPrefix)
                && spillThreshold == s.spillThreshold && statementTimeout.equals(s.statementTimeout);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sampleSize, enforce, java.util.Arrays.hashCode(dictionaryKey), reservedEmailDomains,
                idPrefix, spillThreshold, statementTimeout);
    }

    /** Never shows the key. */
    @Override
    public String toString() {
        return "PreflightSettings[sampleSize=" + sampleSize + ", enforce=" + enforce + ", dictionaryKey=***"
                + ", reservedEmailDomains=" + reservedEmailDomains + ", idPrefix=" + idPrefix + ", spillThreshold="
                + spillThreshold + ", statementTimeout=" + statementTimeout + "]";
    }
}

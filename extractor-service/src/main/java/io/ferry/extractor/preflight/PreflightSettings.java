package io.ferry.extractor.preflight;

import io.ferry.anonymize.classify.ReservedRanges;
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
 *
 * <p>The preflight plans the run in the extraction's PROD snapshots ({@code PlannedRuns}), so the extraction's
 * session settings (statement timeout, snapshot age) apply to it too.
 */
public record PreflightSettings(int sampleSize, boolean enforce, byte[] dictionaryKey,
        List<String> reservedEmailDomains, String idPrefix) {

    public static final int DEFAULT_SAMPLE_SIZE = 200;

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
    }

    /** Enforcing, 200 samples, {@code example.org}, {@code F-}. */
    public static PreflightSettings defaults(byte[] dictionaryKey) {
        return new PreflightSettings(DEFAULT_SAMPLE_SIZE, true, dictionaryKey, List.of(),
                ReservedRanges.DEFAULT_ID_PREFIX);
    }

    public PreflightSettings withEnforce(boolean enforce) {
        return new PreflightSettings(sampleSize, enforce, dictionaryKey, reservedEmailDomains, idPrefix);
    }

    public PreflightSettings withSampleSize(int sampleSize) {
        return new PreflightSettings(sampleSize, enforce, dictionaryKey, reservedEmailDomains, idPrefix);
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
                && reservedEmailDomains.equals(s.reservedEmailDomains) && idPrefix.equals(s.idPrefix);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sampleSize, enforce, java.util.Arrays.hashCode(dictionaryKey), reservedEmailDomains,
                idPrefix);
    }

    /** Never shows the key. */
    @Override
    public String toString() {
        return "PreflightSettings[sampleSize=" + sampleSize + ", enforce=" + enforce + ", dictionaryKey=***"
                + ", reservedEmailDomains=" + reservedEmailDomains + ", idPrefix=" + idPrefix + "]";
    }
}

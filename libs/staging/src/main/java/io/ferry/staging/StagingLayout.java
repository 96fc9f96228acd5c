package io.ferry.staging;

import io.ferry.contracts.ContractViolation;
import io.ferry.contracts.Phase;
import io.ferry.contracts.ids.BatchId;
import io.ferry.contracts.ids.RunId;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The staging keys of DESIGN.md (Interfaces, Staging layout), built and read back in one place so
 * writers, the sweeper and gc agree. Folder keys (keys, leak, a run) end in {@code /} and are prefixes.
 */
public final class StagingLayout {

    public static final String SPECS = "specs";
    public static final String REPORTS = "reports";
    static final String EXTRACTED = "extracted";
    static final String ANONYMIZED = "anonymized";
    static final String KEYS = "keys";
    static final String LEAK = "leak";
    private static final String GENERATED_TUPLES = ".tuples.bin";

    private static final Pattern PART = Pattern.compile("part-(0|[1-9][0-9]{0,9})\\.parquet");
    private static final Pattern REPORT = Pattern.compile("(.+)\\.(json|md|html)");
    private static final Pattern SPEC = Pattern.compile("(.+)\\.yaml");

    private StagingLayout() {
    }

    public static String spec(String specHash) {
        return StagingKeys.requireKey(SPECS + "/" + specHash + ".yaml");
    }

    /** The batch's file: {@code extract} batches are raw ({@code extracted/}), {@code anonymize} ones not. */
    public static String batch(BatchId id) {
        String area = switch (id.phase()) {
            case EXTRACT -> EXTRACTED;
            case ANONYMIZE -> ANONYMIZED;
            default -> throw new IllegalArgumentException("staging holds extract and anonymize batches, not "
                    + id.phase().wireName() + " ones");
        };
        return id.runId() + "/" + area + "/" + id.store() + "/" + id.schema() + "." + id.table() + "/part-"
                + id.seq() + ".parquet";
    }

    /** The anonymized twin of a raw batch: the object whose durability lets the raw one go. */
    public static String anonymizedTwin(BatchId raw) {
        return batch(BatchId.of(raw.runId(), Phase.ANONYMIZE, raw.store(), raw.schema(), raw.table(), raw.seq()));
    }

    public static String run(RunId runId) {
        return runId + "/";
    }

    public static String keys(RunId runId, String store) {
        return StagingKeys.requireKey(runId + "/" + KEYS + "/" + store) + "/";
    }

    public static String leak(RunId runId) {
        return runId + "/" + LEAK + "/";
    }

    /** The preflight's dictionary of the district's name and identifier hashes: {@code {runId}/dictionary/tokens.txt}. */
    public static String dictionary(RunId runId) {
        return runId + "/dictionary/tokens.txt";
    }

    /**
     * The keyed hashes of one raw batch's source identifiers, written by the anonymizer for the run's leak
     * check: {@code {runId}/leak/{store}/{schema}.{table}/part-{seq}.bin}.
     */
    public static String leakHashes(BatchId raw) {
        return leakPart(raw) + ".bin";
    }

    /**
     * The keyed hashes of the identifying tuples the anonymizer generated for one batch's rows (each different
     * from its own row's source tuple), so that the run's leak check can tell a generated tuple that equals
     * another person's by chance from a carried one: {@code {runId}/leak/{store}/{schema}.{table}/part-{seq}.tuples.bin}.
     * The batch id may be of either phase.
     */
    public static String generatedTuples(BatchId batch) {
        return leakPart(batch) + GENERATED_TUPLES;
    }

    /** Whether a key under {@link #leak} holds generated tuples rather than source identifiers. */
    public static boolean isGeneratedTuples(String key) {
        return key.endsWith(GENERATED_TUPLES);
    }

    private static String leakPart(BatchId batch) {
        return leak(RunId.parse(batch.runId())) + batch.store() + "/" + batch.schema() + "." + batch.table() + "/part-"
                + batch.seq();
    }

    /** {@code format} is {@code json}, {@code md} or {@code html}. */
    public static String report(RunId runId, String format) {
        String key = REPORTS + "/" + runId + "." + format;
        if (!REPORT.matcher(key.substring(REPORTS.length() + 1)).matches()) {
            throw new IllegalArgumentException("a report is json, md or html, not '" + format + "'");
        }
        return key;
    }

    /**
     * True for anything in a run's {@code extracted/} folder: production data. Deliberately looser
     * than {@link #parse}: a raw file with a malformed name is still production data and must go.
     */
    public static boolean isRaw(String key) {
        String[] parts = StagingKeys.requireKey(key).split("/");
        return parts.length >= 3 && parts[1].equals(EXTRACTED) && !parts[0].equals(SPECS)
                && !parts[0].equals(REPORTS);
    }

    /** What a key is in the layout, or empty for a key the layout does not name. */
    public static Optional<StagingLocation> parse(String key) {
        String[] parts = StagingKeys.requireKey(key).split("/");
        if (parts.length == 2 && parts[0].equals(SPECS)) {
            Matcher m = SPEC.matcher(parts[1]);
            return m.matches() ? Optional.of(StagingLocation.spec(m.group(1))) : Optional.empty();
        }
        if (parts.length == 2 && parts[0].equals(REPORTS)) {
            Matcher m = REPORT.matcher(parts[1]);
            return m.matches() && RunId.isValid(m.group(1))
                    ? Optional.of(StagingLocation.inRun(StagingLocation.Area.REPORT, RunId.parse(m.group(1)), null))
                    : Optional.empty();
        }
        if (parts.length < 3 || !RunId.isValid(parts[0])) {
            return Optional.empty();
        }
        RunId runId = RunId.parse(parts[0]);
        return switch (parts[1]) {
            case EXTRACTED -> batchLocation(StagingLocation.Area.EXTRACTED, Phase.EXTRACT, runId, parts);
            case ANONYMIZED -> batchLocation(StagingLocation.Area.ANONYMIZED, Phase.ANONYMIZE, runId, parts);
            case KEYS -> Optional.of(StagingLocation.inRun(StagingLocation.Area.KEYS, runId, null));
            case LEAK -> Optional.of(StagingLocation.inRun(StagingLocation.Area.LEAK, runId, null));
            default -> Optional.empty();
        };
    }

    private static Optional<StagingLocation> batchLocation(StagingLocation.Area area, Phase phase, RunId runId,
            String[] parts) {
        if (parts.length != 5) {
            return Optional.empty();
        }
        int dot = parts[3].indexOf('.');
        Matcher part = PART.matcher(parts[4]);
        if (dot < 0 || !part.matches()) {
            return Optional.empty();
        }
        try {
            BatchId id = BatchId.of(runId.toString(), phase, parts[2], parts[3].substring(0, dot),
                    parts[3].substring(dot + 1), Integer.parseInt(part.group(1)));
            return Optional.of(StagingLocation.inRun(area, runId, id));
        } catch (ContractViolation | NumberFormatException e) {
            return Optional.empty();
        }
    }
}

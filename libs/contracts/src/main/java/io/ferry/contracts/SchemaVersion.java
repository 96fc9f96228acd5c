package io.ferry.contracts;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The version of the message schemas, sent in {@link Headers#SCHEMA_VERSION} as {@code MAJOR.MINOR}.
 * A minor step only adds fields, which older consumers ignore; a major step may remove or change
 * fields, so a consumer refuses a message whose major is newer than its own.
 */
public final class SchemaVersion {

    public static final String CURRENT = "1.0";

    private static final Pattern FORMAT = Pattern.compile("(0|[1-9][0-9]{0,8})\\.(0|[1-9][0-9]{0,8})");

    private SchemaVersion() {
    }

    /** The major part of {@code MAJOR.MINOR}. */
    public static int major(String version) {
        if (version == null) {
            throw new ContractViolation("schema version is missing");
        }
        Matcher m = FORMAT.matcher(version);
        if (!m.matches()) {
            throw new ContractViolation("schema version must look like MAJOR.MINOR, e.g. " + CURRENT);
        }
        return Integer.parseInt(m.group(1));
    }

    /** True if this build can read messages of {@code version}: well formed and no newer major. */
    public static boolean isSupported(String version) {
        try {
            return major(version) <= major(CURRENT);
        } catch (ContractViolation e) {
            return false;
        }
    }
}

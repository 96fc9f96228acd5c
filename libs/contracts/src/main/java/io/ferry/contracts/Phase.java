package io.ferry.contracts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * The steps of a run, in pipeline order. On the wire, in batch ids and in staging paths a phase is
 * its lower-case name ({@code extract}, {@code leakcheck}).
 */
public enum Phase {
    PREFLIGHT, EXTRACT, ANONYMIZE, LEAKCHECK, VALIDATE, LOAD, COMPENSATE, VERIFY, REPORT;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Phase fromWireName(String wireName) {
        for (Phase phase : values()) {
            if (phase.wireName().equals(wireName)) {
                return phase;
            }
        }
        throw new ContractViolation("unknown phase; expected one of preflight, extract, anonymize, leakcheck, "
                + "validate, load, compensate, verify, report");
    }
}

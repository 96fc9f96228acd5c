package io.ferry.cli.doctor;

import java.util.List;
import java.util.Locale;

/**
 * One finding of {@code ferry doctor}: what was checked, where, how it stands and what to do when it is not OK.
 *
 * @param subject e.g. {@code prod ids}, {@code cert sp}, {@code kafka}, {@code staging}, {@code key}
 */
record Check(Status status, String subject, String detail) {

    enum Status {
        OK, WARN, FAIL
    }

    static Check ok(String subject, String detail) {
        return new Check(Status.OK, subject, detail);
    }

    static Check warn(String subject, String detail) {
        return new Check(Status.WARN, subject, detail);
    }

    static Check fail(String subject, String detail) {
        return new Check(Status.FAIL, subject, detail);
    }

    /** {@code OK    prod ids     connected as ferry_reader; a hot standby} */
    String line() {
        return String.format(Locale.ROOT, "%-5s %-14s %s", status, subject, detail);
    }

    /** 0 when nothing failed, 1 otherwise (warnings are advice). */
    static int exitCode(List<Check> checks) {
        return checks.stream().anyMatch(c -> c.status() == Status.FAIL) ? 1 : 0;
    }
}

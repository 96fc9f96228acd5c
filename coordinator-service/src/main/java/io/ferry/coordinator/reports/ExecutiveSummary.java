package io.ferry.coordinator.reports;

/** One paragraph for a reader who reads nothing else: how the run ended and what it moved. */
public final class ExecutiveSummary {

    private ExecutiveSummary() {
    }

    public static String of(RunReport r) {
        long extracted = r.stores().stream().flatMap(s -> s.tables().stream())
                .mapToLong(t -> t.extracted() == null ? 0 : t.extracted()).sum();
        StringBuilder s = new StringBuilder();
        s.append("Run ").append(r.runId()).append(" of ").append(r.district()).append(" ended ").append(r.status())
                .append(r.dryRun() ? " (dry run)" : "").append(". ");
        s.append(String.format("%,d rows extracted from %d store(s)", extracted, r.stores().size()));
        if (r.anonymization().fields() != null) {
            s.append(String.format(", %,d fields classified", r.anonymization().fields()));
        }
        s.append("; leak check ").append(r.leakCheck() == null ? "not run" : r.leakCheck().result());
        s.append("; validation ").append(r.validation() == null ? "not run" : r.validation().status());
        s.append(r.load() == null ? "; nothing loaded into CERT" : String.format("; %,d rows loaded into %d CERT store(s)",
                r.load().rows(), r.load().stores().size()));
        if (r.compensation() != null) {
            s.append("; taken back out (").append(r.compensation().status()).append(")");
        }
        double seconds = r.phases().stream().mapToDouble(RunReport.PhaseTiming::seconds).sum();
        s.append(String.format(java.util.Locale.ROOT, "; %.0f s in its phases.", seconds));
        return s.toString();
    }
}

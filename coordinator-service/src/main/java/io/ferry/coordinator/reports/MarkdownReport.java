package io.ferry.coordinator.reports;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The run report as Markdown: the executive summary first, then phases, stores, checks, load and audit trail. */
public final class MarkdownReport {

    private MarkdownReport() {
    }

    public static String render(RunReport r) {
        StringBuilder md = new StringBuilder();
        md.append("# Run ").append(r.runId()).append(": ").append(r.district()).append("\n\n");
        md.append("## Summary\n\n").append(ExecutiveSummary.of(r)).append("\n\n");
        md.append("| | |\n|---|---|\n");
        row(md, "status", r.status() + (r.dryRun() ? " (dry run)" : ""));
        row(md, "started", r.startedAt());
        row(md, "ended", r.endedAt());
        row(md, "spec", r.specHash());
        row(md, "key version", r.keyVersion());
        md.append("\n## Phases\n\n| phase | started | seconds | rows |\n|---|---|---:|---:|\n");
        r.phases().forEach(p -> md.append("| ").append(p.phase()).append(" | ").append(p.startedAt()).append(" | ")
                .append(String.format(Locale.ROOT, "%.1f", p.seconds())).append(" | ").append(text(p.rows()))
                .append(" |\n"));
        md.append("\n## Stores\n");
        r.stores().forEach(s -> {
            md.append("\n### ").append(s.store()).append("\n\n| table | extracted | anonymized | loaded | remapped |\n")
                    .append("|---|---:|---:|---:|---:|\n");
            s.tables().forEach(t -> md.append("| ").append(t.schema()).append('.').append(t.name()).append(" | ")
                    .append(text(t.extracted())).append(" | ").append(text(t.anonymized())).append(" | ")
                    .append(text(t.loaded())).append(" | ").append(text(t.remapped())).append(" |\n"));
        });
        md.append("\n## Anonymization\n\n");
        md.append("Fields classified: ").append(text(r.anonymization().fields())).append(". Rules:\n\n");
        r.anonymization().rules().forEach(rule -> md.append("- ").append(rule).append('\n'));
        md.append("\nLeak check: ").append(r.leakCheck() == null ? "not run" : r.leakCheck().result() + ", "
                + r.leakCheck().findings() + " finding(s)").append(".\n");
        md.append("\n## Validation\n\n");
        if (r.validation() == null) {
            md.append("Not run.\n");
        } else {
            md.append(r.validation().status()).append(", ").append(r.validation().findings().size())
                    .append(" finding(s).\n");
            if (!r.validation().findings().isEmpty()) {
                findings(md, r.validation().findings());
            }
        }
        md.append("\n## Load\n\n");
        if (r.load() == null) {
            md.append("Nothing loaded.\n");
        } else {
            md.append("| store | inserted | updated | skipped | remapped |\n|---|---:|---:|---:|---:|\n");
            r.load().stores().forEach(s -> md.append("| ").append(s.store()).append(" | ").append(s.inserted())
                    .append(" | ").append(s.updated()).append(" | ").append(s.skipped()).append(" | ")
                    .append(s.remapped()).append(" |\n"));
            RunReport.Verification v = r.load().verification();
            md.append("\n### Verification\n\n");
            if (v == null) {
                md.append("Not verified (`ferry verify ").append(r.runId()).append("`).\n");
            } else {
                md.append(v.status() != null ? "**" + v.status() + "**" : "Could not run: " + v.failure())
                        .append(" (verify ").append(v.attempt()).append(", ").append(text(v.at())).append(")\n");
                if (!v.findings().isEmpty()) {
                    findings(md, v.findings());
                }
            }
        }
        if (r.compensation() != null) {
            md.append("\n## Compensation\n\n").append(r.compensation().status()).append(": per table, rows and checksum")
                    .append(" before the load and after compensation.\n\n| store | table | before | after |\n")
                    .append("|---|---|---|---|\n");
            r.compensation().before().forEach((store, tables) -> tables.forEach((table, before) -> {
                var after = r.compensation().after().getOrDefault(store, Map.of()).get(table);
                md.append("| ").append(store).append(" | ").append(table).append(" | ").append(before.rows()).append(' ')
                        .append(text(before.checksum())).append(" | ").append(after == null ? "" : after.rows() + " "
                                + text(after.checksum())).append(" |\n");
            }));
        }
        md.append("\n## Audit trail\n\n| at | who | event | what | status |\n|---|---|---|---|---|\n");
        r.audit().forEach(a -> md.append("| ").append(a.at()).append(" | ").append(a.actor()).append(" | ").append(a.kind())
                .append(" | ").append(a.what().replace("|", "\\|")).append(" | ").append(a.status()).append(" |\n"));
        return md.toString();
    }

    private static void findings(StringBuilder md, List<RunReport.ValidationFinding> findings) {
        md.append("\n| check | severity | where | count | examples |\n|---|---|---|---:|---|\n");
        findings.forEach(f -> md.append("| ").append(f.check()).append(" | ").append(f.severity()).append(" | ")
                .append(f.store()).append(' ').append(text(f.table())).append(' ').append(text(f.column())).append(" | ")
                .append(f.count()).append(" | ").append(String.join(", ", f.examples())).append(" |\n"));
    }

    private static void row(StringBuilder md, String name, Object value) {
        md.append("| ").append(name).append(" | ").append(text(value)).append(" |\n");
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}

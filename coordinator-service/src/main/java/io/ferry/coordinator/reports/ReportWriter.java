package io.ferry.coordinator.reports;

import io.ferry.contracts.Json;
import io.ferry.contracts.ids.RunId;
import io.ferry.coordinator.persistence.RunStore;
import io.ferry.coordinator.persistence.UnknownRunException;
import io.ferry.coordinator.runs.StagedSpec;
import io.ferry.coordinator.saga.RunState;
import io.ferry.spec.model.AnonymizeRule;
import io.ferry.spec.model.Spec;
import io.ferry.staging.Staging;
import io.ferry.staging.StagingLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * Makes a run's report from the coordinator's database and writes it as JSON, Markdown and HTML under
 * {@code staging/reports/}, where it outlives the run's staging.
 */
public final class ReportWriter {

    private final RunStore runs;
    private final Staging staging;

    public ReportWriter(RunStore runs, Staging staging) {
        this.runs = runs;
        this.staging = staging;
    }

    public RunReport report(String runId) throws SQLException, IOException {
        RunState run = runs.find(runId).orElseThrow(() -> new UnknownRunException(runId));
        return ReportBuilder.build(run, runs.audit(runId), runs.results(runId), rules(run.specHash()));
    }

    /** @return the staging keys written */
    public List<String> write(String runId) throws SQLException, IOException {
        RunReport report = report(runId);
        Map<String, String> formats = Map.of("json", Json.toJson(report), "md", MarkdownReport.render(report),
                "html", HtmlReport.render(report));
        Path dir = Files.createTempDirectory("ferry-report-");
        try {
            for (Map.Entry<String, String> f : formats.entrySet()) {
                Path file = dir.resolve("report." + f.getKey());
                Files.writeString(file, f.getValue(), StandardCharsets.UTF_8);
                staging.put(StagingLayout.report(RunId.parse(runId), f.getKey()), file);
            }
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        }
        return formats.keySet().stream().sorted().map(f -> StagingLayout.report(RunId.parse(runId), f)).toList();
    }

    /** The spec's anonymization rules in words, from the spec the run names (staged by hash when it started). */
    private List<String> rules(String specHash) throws IOException {
        Path dir = Files.createTempDirectory("ferry-report-spec-");
        Path file = dir.resolve("ferry.yaml");
        try {
            staging.get(StagingLayout.spec(specHash), file);
            Spec spec = StagedSpec.parse(file);
            return spec.anonymize() == null ? List.of() : spec.anonymize().rules().stream().map(ReportWriter::rule).toList();
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }

    private static String rule(AnonymizeRule r) {
        String field = r.column() != null ? r.column() : r.property();
        return field + (r.path() == null ? "" : " " + r.path()) + ": " + r.type()
                + (r.strategy() == null ? "" : " (" + r.strategy() + ")");
    }
}

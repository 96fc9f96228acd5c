package io.ferry.cli.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.ferry.cli.ExitCodes;
import io.ferry.cli.FerryException;
import io.ferry.cli.api.ApiClient;
import io.ferry.cli.api.ApiOptions;
import io.ferry.anonymize.AnonymizationKey;
import io.ferry.anonymize.leak.LeakHashes;
import io.ferry.anonymize.leak.LeakKey;
import io.ferry.cli.spec.SpecSession;
import io.ferry.spec.model.Spec;
import io.ferry.spec.parse.EstateProperties;
import io.ferry.staging.FileSystemStaging;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ferry verify RUN}: asks the validator (through the coordinator) to check what CERT holds for a finished run
 * against its ledger and batches, waits for the answer, and prints {@code VALID} or {@code INVALID} on line 1, then
 * the findings (or, with {@code --format json}, the verification as JSON). Exit 0 only when VALID.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Verify a finished run against CERT (ledger rows present and unchanged, counts, column values,"
                + " references, graph stamps), and with --logs DIR the log files for the run's source identifiers. Line 1:"
                + " VALID or INVALID; exit 0 only when VALID.")
public final class VerifyCommand implements Callable<Integer> {

    @Mixin
    ApiOptions api;

    @Parameters(index = "0", paramLabel = "RUN", description = "The run id (mig-...).")
    String runId;

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json", description = "Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = "--timeout", defaultValue = "PT10M", paramLabel = "DURATION",
            description = "How long to wait for the validator's answer (ISO-8601, default ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--logs", paramLabel = "DIR", description = "Also scan every file under DIR for the run's source"
            + " identifiers (keyed hashes from staging); a hit makes the run INVALID and names file, line and hash.")
    Path logs;

    @Option(names = "--spec", paramLabel = "S", description = "With --logs: the spec (for the anonymization key);"
            + " default: the demo's, next to --api-config.")
    Path spec;

    @Option(names = "--staging", paramLabel = "ROOT", description = "With --logs: the staging root; default: the demo's.")
    Path staging;

    @Override
    public Integer call() throws InterruptedException {
        if (!List.of("text", "json").contains(format)) {
            throw new FerryException(ExitCodes.USAGE, "--format is text or json, not '" + format + "'");
        }
        ApiClient client = api.client();
        // what the log scan needs is checked before the validator is asked: its answer may take minutes
        LogLeakScan scan = logs == null ? null : logScan();
        int attempt = client.post("/runs/" + runId + "/verify", null).path("verification").path("attempt").asInt();
        JsonNode verification = answer(client, attempt);
        String failure = verification.path("failure").asText("");
        if (verification.path("status").isNull() || verification.path("status").isMissingNode()) {
            throw new FerryException(ExitCodes.NOT_OK, "the verify of " + runId + " failed: " + failure);
        }
        List<LogLeakScan.Hit> hits = scan == null ? List.of() : scan(scan);
        if (scan != null) {
            scan.skipped().forEach(f -> System.err.println("ferry: " + f + " is compressed: not scanned"));
        }
        boolean valid = verification.path("status").asText().equals("VALID") && hits.isEmpty();
        // line 1 is the verdict (DESIGN.md); with --format json the rest is one JSON document
        System.out.println(valid ? "VALID" : "INVALID");
        JsonNode report = client.get("/runs/" + runId + "/report").path("load").path("verification");
        if (format.equals("json")) {
            com.fasterxml.jackson.databind.node.ObjectNode out = report.isObject()
                    ? ((com.fasterxml.jackson.databind.node.ObjectNode) report).deepCopy()
                    : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
            var leaks = out.putArray("logLeaks");
            hits.forEach(h -> leaks.addObject().put("file", h.file().toString()).put("line", h.line()).put("hash", h.hash()));
            System.out.println(out.toPrettyString());
        } else {
            hits.forEach(h -> System.out.println("log-leak " + h));
            for (JsonNode f : report.path("findings")) {
                System.out.println(String.format(Locale.ROOT, "%-8s %-18s %-6s %-28s %-20s %6d  %s",
                        f.path("severity").asText(), f.path("check").asText(), f.path("store").asText(),
                        f.path("table").asText(), f.path("column").asText(""), f.path("count").asLong(),
                        String.join(", ", examples(f))).stripTrailing());
            }
        }
        return valid ? 0 : 1;
    }

    /** The run's verification once the validator answered this attempt (or a later one). */
    private JsonNode answer(ApiClient client, int attempt) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonNode v = client.get("/runs/" + runId).path("verification");
            boolean answered = v.path("attempt").asInt() >= attempt
                    && (!v.path("status").isNull() && !v.path("status").isMissingNode()
                    || !v.path("failure").asText("").isEmpty());
            if (answered) {
                return v;
            }
            if (System.nanoTime() > deadline) {
                throw new FerryException(ExitCodes.UNREACHABLE, "no answer to the verify of " + runId + " within "
                        + timeout + "; is the validator running? ('ferry status " + runId + "' shows what the run waits on)");
            }
            Thread.sleep(500);
        }
    }

    /** The scan of {@code --logs}: the run's leak key and its source hashes from staging. */
    private LogLeakScan logScan() {
        if (!Files.isDirectory(logs)) {
            throw new FerryException(ExitCodes.NOT_FOUND, "--logs " + logs + " is not a folder");
        }
        EstateProperties demo = api.demoDir().map(d -> d.resolve("estate").resolve(EstateProperties.FILE_NAME))
                .filter(Files::isRegularFile).map(EstateProperties::read).orElse(null);
        Path specFile = spec != null ? spec : demo == null ? null : Path.of(demo.require("spec"));
        Path root = staging != null ? staging : demo == null ? null : Path.of(demo.require("staging.root"));
        if (specFile == null || root == null) {
            throw new FerryException(ExitCodes.USAGE, "--logs needs the spec (for the anonymization key) and the staging"
                    + " root: pass --spec S and --staging ROOT");
        }
        Spec parsed = SpecSession.open(specFile).spec();
        LeakKey key;
        try {
            key = new LeakKey(AnonymizationKey.fromSpec(specFile.toAbsolutePath().getParent(),
                    parsed.anonymize() == null ? null : parsed.anonymize().key()));
        } catch (IllegalArgumentException e) {
            throw new FerryException(ExitCodes.USAGE, specFile + ": " + e.getMessage());
        }
        try {
            Path tmp = Files.createTempDirectory("ferry-verify-");
            try {
                LeakHashes sources = LogLeakScan.sources(new FileSystemStaging(root), runId, tmp);
                if (sources.size() == 0) {
                    throw new FerryException(ExitCodes.NOT_FOUND, "staging " + root + " holds no leak hashes for " + runId
                            + " (past retention, or not this run's staging root): the logs cannot be checked");
                }
                return new LogLeakScan(key, sources);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new FerryException(ExitCodes.NOT_OK, "reading the leak hashes of " + runId + " from " + root
                    + " failed: " + e.getClass().getSimpleName());
        }
    }

    private List<LogLeakScan.Hit> scan(LogLeakScan scan) {
        try {
            return scan.scan(logs);
        } catch (IOException e) {
            throw new FerryException(ExitCodes.NOT_OK, "scanning " + logs + " failed: " + e.getClass().getSimpleName());
        }
    }

    private static List<String> examples(JsonNode finding) {
        List<String> out = new java.util.ArrayList<>();
        finding.path("examples").forEach(e -> out.add(e.asText()));
        return out;
    }
}

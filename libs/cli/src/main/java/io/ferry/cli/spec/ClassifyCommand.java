package io.ferry.cli.spec;

import io.ferry.anonymize.classify.RuleIndex;
import io.ferry.classify.Assessment;
import io.ferry.classify.ClassificationReport;
import io.ferry.classify.ProdReadException;
import io.ferry.classify.ProdSampler;
import io.ferry.classify.SampledField;
import io.ferry.cli.ExitCodes;
import io.ferry.cli.FerryException;
import io.ferry.planning.prod.ProdSnapshot;
import io.ferry.schema.model.Table;
import io.ferry.spec.parse.Resolver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ferry classify}: samples every column, JSON leaf path and graph property of PROD (every table and
 * label of the spec's stores, whatever district owns the rows), flags what looks personal the way the
 * extractor's preflight does, and prints the {@code anonymize.rules} the spec lacks. Only names, types,
 * reasons and counts are printed, never a sampled value.
 */
@Command(name = "classify", mixinStandardHelpOptions = true,
        description = "Sample every column, JSON path and graph property of PROD (every table and label of the spec's"
                + " stores, in one read-only snapshot per store), flag what looks personal by name and by values"
                + " (emails, phones, patterns with checksums, name dictionaries) and print, for each such field"
                + " without a rule, the rule to add under anonymize.rules. Exits 1 when it proposes rules, 0 when"
                + " every field that looks personal has one.")
public final class ClassifyCommand implements Callable<Integer> {

    @Option(names = "--spec", required = true, paramLabel = "FILE", description = "The spec (ferry.yaml).")
    Path spec;

    @Option(names = "--format", defaultValue = "yaml", paramLabel = "yaml|json",
            description = "yaml (default: rules to paste, with comments saying why) or json.")
    String format;

    @Option(names = "--all", description = "Also list every field that does not look personal, with the reason.")
    boolean all;

    @Option(names = "--sample-size", defaultValue = "" + ProdSampler.DEFAULT_SAMPLE_SIZE, paramLabel = "N",
            description = "Non-null values sampled per column, JSON path and property (default ${DEFAULT-VALUE}).")
    int sampleSize;

    @Override
    public Integer call() {
        if (!format.equals("yaml") && !format.equals("json")) {
            throw new FerryException(ExitCodes.USAGE, "--format must be 'yaml' or 'json', not '" + format + "'");
        }
        if (sampleSize < 1) {
            throw new FerryException(ExitCodes.USAGE, "--sample-size must be at least 1");
        }
        SpecSession session = SpecSession.open(spec);
        RuleIndex rules = RuleIndex.of(session.spec());
        rules.unreadable().forEach(r -> System.err.println("classify: the anonymize rule for '" + r
                + "' names no column or property; it covers nothing"));
        long start = System.nanoTime();
        ProdSnapshot.SessionSettings settings = new ProdSnapshot.SessionSettings("ferry-classify", Duration.ZERO);
        try (ProdSnapshot snapshot = ProdSnapshot.open(session.spec(),
                Resolver.forFolder(spec.toAbsolutePath().getParent()), settings)) {
            ProdSampler sampler = new ProdSampler(snapshot, sampleSize);
            List<Table> tables = sampler.everyTable();
            List<SampledField> fields = sampler.sampleAll();
            ClassificationReport report = new ClassificationReport(Assessment.assess(fields, rules), tables);
            System.out.print(format.equals("yaml") ? report.yaml(all) : report.json(all) + System.lineSeparator());
            System.err.printf(Locale.ROOT, "classify: %d tables and labels, %d fields sampled in %.1f s; %d look personal"
                    + " without a rule, %d with one%n", tables.size(), fields.size(), (System.nanoTime() - start) / 1e9,
                    report.unruled().size(), report.covered().size());
            return report.unruled().isEmpty() ? ExitCodes.OK : ExitCodes.NOT_OK;
        } catch (ProdReadException e) {
            throw new FerryException(switch (e.reason()) {
                case UNREACHABLE, CONFLICT -> ExitCodes.UNREACHABLE;
                case REFUSED -> ExitCodes.REFUSED;
                case FAILED -> ExitCodes.NOT_OK;
            }, e.getMessage());
        }
    }
}

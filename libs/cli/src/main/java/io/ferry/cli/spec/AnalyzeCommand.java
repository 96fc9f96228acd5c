package io.ferry.cli.spec;

import io.ferry.planning.prod.ProdSnapshot;
import io.ferry.cli.ExitCodes;
import io.ferry.cli.FerryException;
import io.ferry.schema.analysis.SchemaAnalysis;
import io.ferry.schema.model.EstateSchema;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ferry analyze}: introspect every PROD store and write the schema analysis. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = "Introspect every store of the spec (read-only on PROD) and write schema-analysis.json, dependency-graph.dot, extraction-order.json and a README.md summary into DIR.")
public final class AnalyzeCommand implements Callable<Integer> {

    @Option(names = "--spec", required = true, paramLabel = "FILE", description = "The spec (ferry.yaml).")
    Path spec;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = ".", description = "Output directory (default: the current one).")
    Path out;

    @Override
    public Integer call() {
        SpecSession session = SpecSession.open(spec);
        EstateSchema prod;
        try (ProdSnapshot snapshot = ProdSnapshot.open(session.spec(), spec)) {
            prod = snapshot.fullSchema();
        }
        List<Path> written;
        try {
            written = SchemaAnalysis.run(prod, out);
        } catch (IOException e) {
            throw new FerryException(ExitCodes.NOT_OK, "cannot write the analysis into " + out.toAbsolutePath()
                    + ": " + e.getMessage());
        }
        System.err.printf("analyze: %d stores, %d tables, %d references%n", prod.stores().size(),
                prod.tables().size(), prod.references().size());
        written.forEach(p -> System.out.println(p.toAbsolutePath()));
        return ExitCodes.OK;
    }
}

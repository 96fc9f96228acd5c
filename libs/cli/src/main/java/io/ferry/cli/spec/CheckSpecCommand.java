package io.ferry.cli.spec;

import io.ferry.planning.prod.ProdSnapshot;
import io.ferry.cli.ExitCodes;
import io.ferry.schema.model.EstateSchema;
import io.ferry.spec.SpecError;
import io.ferry.spec.check.SpecChecker;
import io.ferry.spec.parse.Resolver;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ferry check-spec}: the spec's syntax, then every name in it against PROD's live schemas. */
@Command(name = "check-spec", mixinStandardHelpOptions = true,
        description = "Validate a spec: strict syntax, then every store, table, column and link in it against the live PROD schemas, that the PROD user may read every table, every row filter and count condition with EXPLAIN (read-only), and every business rule with EXPLAIN in a read-only CERT session. Prints each error with file, line and column; exits 1 on any error.")
public final class CheckSpecCommand implements Callable<Integer> {

    @Option(names = "--spec", required = true, paramLabel = "FILE", description = "The spec (ferry.yaml).")
    Path spec;

    @Override
    public Integer call() {
        SpecSession session = SpecSession.open(spec);
        EstateSchema prod;
        List<SpecError> errors = new ArrayList<>();
        try (ProdSnapshot snapshot = ProdSnapshot.open(session.spec(), spec)) {
            prod = snapshot.fullSchema();
            errors.addAll(SpecChecker.check(session.spec(), prod));
            if (errors.isEmpty()) {
                ReadPermissionCheck.requireReadable(session.spec(), snapshot);
                errors.addAll(RowFilterCheck.check(session.spec(), snapshot));
                errors.addAll(BusinessRuleCheck.check(session.spec(),
                        Resolver.forFolder(spec.toAbsolutePath().getParent())));
            }
        }
        if (!errors.isEmpty()) {
            throw SpecSession.specErrors(String.join("\n", errors.stream().map(SpecError::toString).toList()),
                    errors.size());
        }
        System.out.printf("%s: OK (%d stores, %d tables, %d references of which %d from the spec)%n",
                spec, prod.stores().size(), prod.tables().size(), prod.references().size(),
                prod.specReferences().size());
        return ExitCodes.OK;
    }
}

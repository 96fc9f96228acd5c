package io.ferry.cli.spec;

import io.ferry.cli.ExitCodes;
import io.ferry.cli.FerryException;
import io.ferry.spec.connect.StoreUnavailableException;
import io.ferry.spec.parse.Resolver;
import io.ferry.spec.parse.Secret;
import io.ferry.cert.InitTarget;
import io.ferry.cert.TargetRefusedException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Callable;
import org.flywaydb.core.api.FlywayException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ferry init-target}: prepares every CERT store of a spec for loading (docs/loader.md). */
@Command(name = "init-target", mixinStandardHelpOptions = true,
        description = "Prepare every CERT store of the spec: the Flyway-managed ferry schema (marker, run inventory, ledger, key maps) in PostgreSQL, the marker and merge-key constraints in Neo4j, and the loader role's privileges. Refuses a store in recovery or one of PROD's own databases; only reads PROD. Idempotent.")
public final class InitTargetCommand implements Callable<Integer> {

    @Option(names = "--spec", required = true, paramLabel = "FILE", description = "The spec (ferry.yaml).")
    Path spec;

    @Option(names = "--admin-user", paramLabel = "ROLE",
            description = "Prepare PostgreSQL stores as this role (it creates the schema and grants the spec's cert user"
                    + " what the loader needs); default: the spec's cert user itself.")
    String adminUser;

    @Option(names = "--admin-password-env", paramLabel = "VAR", defaultValue = "FERRY_CERT_ADMIN_PASSWORD",
            description = "The environment variable holding --admin-user's password (default: ${DEFAULT-VALUE}).")
    String adminPasswordEnv;

    @Override
    public Integer call() {
        SpecSession session = SpecSession.open(spec);
        InitTarget.Admin admin = null;
        if (adminUser != null) {
            String password = System.getenv(adminPasswordEnv);
            String variable = "environment variable " + adminPasswordEnv + " (--admin-password-env)";
            admin = new InitTarget.Admin(adminUser, password == null ? null : Secret.of(password),
                    password == null ? variable + " is not set" : "check the role and the password in " + variable);
        }
        List<InitTarget.StoreReport> reports;
        try {
            reports = InitTarget.run(session.spec(), Resolver.forFolder(spec.toAbsolutePath().getParent()), admin);
        } catch (TargetRefusedException e) {
            throw new FerryException(ExitCodes.REFUSED, e.getMessage());
        } catch (StoreUnavailableException e) {
            throw new FerryException(e.reason() == StoreUnavailableException.Reason.UNREACHABLE ? ExitCodes.UNREACHABLE
                    : ExitCodes.REFUSED, e.getMessage());
        } catch (SQLException e) {
            throw new FerryException(ExitCodes.NOT_OK, "preparing a CERT store failed (SQLSTATE " + e.getSQLState() + ")");
        } catch (FlywayException e) {
            throw new FerryException(ExitCodes.NOT_OK, "migrating the ferry schema failed: " + e.getMessage());
        }
        reports.forEach(r -> System.out.printf("%s (%s): %s%n", r.store(), r.kind().name().toLowerCase(java.util.Locale.ROOT),
                r.detail()));
        return ExitCodes.OK;
    }
}

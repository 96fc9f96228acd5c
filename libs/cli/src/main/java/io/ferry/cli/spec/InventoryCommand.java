package io.ferry.cli.spec;

import io.ferry.cert.RunInventory;
import io.ferry.cli.ExitCodes;
import io.ferry.cli.FerryException;
import io.ferry.contracts.Json;
import io.ferry.schema.model.StoreKind;
import io.ferry.spec.connect.StoreConnector;
import io.ferry.spec.connect.StoreUnavailableException;
import io.ferry.spec.model.Store;
import io.ferry.spec.parse.Resolver;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.neo4j.driver.Driver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ferry inventory}: the runs each CERT store holds, from the stores' own records (docs/loader.md). */
@Command(name = "inventory", mixinStandardHelpOptions = true,
        description = "List every district and run loaded into each CERT store of the spec, with status, key version, dates, requester and rows, read from the stores' own ferry schema (Neo4j: :FerryRun nodes) alone: it works without the coordinator. Reads CERT only.")
public final class InventoryCommand implements Callable<Integer> {

    @Option(names = "--spec", required = true, paramLabel = "FILE", description = "The spec (ferry.yaml).")
    Path spec;

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json",
            description = "text (a table) or json (stores with their runs); default: ${DEFAULT-VALUE}.")
    String format;

    @Override
    public Integer call() {
        if (!format.equals("text") && !format.equals("json")) {
            throw new FerryException(ExitCodes.USAGE, "--format must be 'text' or 'json', not '" + format + "'");
        }
        SpecSession session = SpecSession.open(spec);
        Resolver resolver = Resolver.forFolder(spec.toAbsolutePath().getParent());
        List<RunInventory> stores = new ArrayList<>();
        for (Store store : session.spec().stores().values()) {
            stores.add(read(store, resolver));
        }
        if (format.equals("json")) {
            System.out.println(Json.toJson(Map.of("stores", stores)));
        } else {
            print(stores);
        }
        return ExitCodes.OK;
    }

    private static RunInventory read(Store store, Resolver resolver) {
        try {
            if (store.kind() == StoreKind.NEO4J) {
                try (Driver driver = StoreConnector.openNeo4j(store.name(), "cert", resolver.resolve(store.cert()))) {
                    return RunInventory.ofGraph(store.name(), driver);
                }
            }
            try (Connection c = StoreConnector.openPostgres(store.name(), "cert", resolver.resolve(store.cert()), true)) {
                return RunInventory.ofPostgres(store.name(), c);
            }
        } catch (StoreUnavailableException e) {
            throw new FerryException(e.reason() == StoreUnavailableException.Reason.UNREACHABLE ? ExitCodes.UNREACHABLE
                    : ExitCodes.REFUSED, e.getMessage());
        } catch (SQLException e) {
            throw new FerryException(ExitCodes.NOT_OK, "reading the runs of store " + store.name() + " (cert) failed"
                    + " (SQLSTATE " + e.getSQLState() + ")");
        }
    }

    private static void print(List<RunInventory> stores) {
        System.out.printf(Locale.ROOT, "%-8s %-16s %-24s %-12s %3s %10s  %-20s %-20s %s%n", "STORE", "DISTRICT", "RUN",
                "STATUS", "KEY", "ROWS", "LOADED", "TAKEN OUT", "REQUESTED BY");
        for (RunInventory store : stores) {
            if (!store.prepared()) {
                System.err.println("inventory: store " + store.store() + " (cert) is not prepared (no Ferry marker);"
                        + " run ferry init-target --spec to prepare it");
                continue;
            }
            for (RunInventory.Entry r : store.runs()) {
                String status = r.supersededBy() == null ? r.status() : r.status() + " by " + r.supersededBy();
                System.out.printf(Locale.ROOT, "%-8s %-16s %-24s %-12s %3d %,10d  %-20s %-20s %s%n", store.store(),
                        r.district(), r.runId(), status, r.keyVersion(), r.rows(), time(r.finishedAt()),
                        time(r.takenOutAt()), r.requestedBy() == null ? "-" : r.requestedBy());
            }
        }
    }

    private static String time(Instant t) {
        return t == null ? "-" : t.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}

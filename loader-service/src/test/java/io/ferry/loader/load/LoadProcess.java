package io.ferry.loader.load;

import io.ferry.contracts.ids.RunId;
import io.ferry.schema.model.TableId;
import io.ferry.service.run.RunBatches;
import io.ferry.service.run.StagedTable;
import io.ferry.spec.model.Spec;
import io.ferry.spec.parse.Resolver;
import io.ferry.spec.parse.SpecParser;
import io.ferry.staging.FileSystemStaging;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * A loader in a process of its own, for the test that kills one mid-load: loads one store of a staged run into
 * a CERT database as the superuser, with the application name {@value #APPLICATION} so the test can watch its
 * session. Arguments: spec folder, staging root, run id, district, store, CERT JDBC URL, work folder.
 */
public final class LoadProcess {

    static final String APPLICATION = "ferry-load-process";

    private LoadProcess() {
    }

    public static void main(String[] args) throws Exception {
        Path specFolder = Path.of(args[0]);
        Spec spec = new SpecParser(Resolver.forFolder(specFolder, Map.of()), Set.of(SpecParser.Environment.values()))
                .read(specFolder.resolve("ferry.yaml"));
        Map<TableId, StagedTable> staged = RunBatches.fetch(new FileSystemStaging(Path.of(args[1])), RunId.parse(args[2]),
                Files.createDirectories(Path.of(args[6])));
        Properties props = new Properties();
        props.setProperty("user", "postgres");
        props.setProperty("ApplicationName", APPLICATION);
        try (Connection c = DriverManager.getConnection(args[5], props)) {
            // A long lock timeout: the test kills the process while it waits on a lock.
            new PgStoreLoad(new LoadTimeouts(Duration.ofMinutes(5), Duration.ofMinutes(30))).load(c, spec, args[4], List.of(),
                    new RunInfo(args[2], args[3], "0".repeat(64), 1, "load-process"), staged, List.of());
        }
        System.out.println("loaded");
    }
}

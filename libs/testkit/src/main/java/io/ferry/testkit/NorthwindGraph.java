package io.ferry.testkit;

import io.ferry.testkit.neo4j.CypherScriptRunner;
import io.ferry.testkit.neo4j.Neo4jServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.neo4j.harness.Neo4jBuilders;

/**
 * The Northwind graph of the public datasets on a Neo4j server of its own. The dataset's script
 * ({@code graph/northwind.cypher}, LOAD CSV from {@code graph/import}) runs once per build, on the first use: a
 * cold server takes about 10 s for it, against well under one for copying its result. The result is kept under the
 * repository's {@code target/dataset-cache/}, named by a hash of the script, the import files and the Neo4j
 * release, so a changed dataset or Neo4j is imported afresh. Each caller gets a server on a copy of its own.
 */
public final class NorthwindGraph {

    private NorthwindGraph() {
    }

    /**
     * A throwaway server holding the Northwind graph, with {@code graph/import} as its LOAD CSV folder.
     *
     * @param northwind the dataset's folder ({@code <datasets>/northwind})
     */
    public static Neo4jServer start(Path northwind) {
        Path graph = northwind.resolve("graph");
        return Neo4jServer.startCopyOf(imported(graph), graph.resolve("import"));
    }

    private static synchronized Path imported(Path graph) {
        Path cache = Datasets.repoRoot().resolve("target/dataset-cache").resolve("northwind-graph-" + fingerprint(graph));
        if (Files.isDirectory(cache)) {
            return cache;
        }
        try {
            Files.createDirectories(cache.getParent());
            Path building = Files.createTempDirectory(cache.getParent(), "building-");
            try {
                Path result = building.resolve("server");
                Neo4jServer server = Neo4jServer.start(building.resolve("work"), graph.resolve("import"));
                try {
                    CypherScriptRunner.run(server.driver(), graph.resolve("northwind.cypher"));
                } catch (RuntimeException e) {
                    server.close();
                    throw e;
                }
                server.stopInto(result);
                // atomic: a build running beside this one sees the whole graph or none
                Files.move(result, cache, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException e) {
                // the other one was first; its result is the same
            } finally {
                Directories.deleteRecursively(building);
            }
            return cache;
        } catch (IOException e) {
            throw new UncheckedIOException("could not import the Northwind graph into " + cache, e);
        }
    }

    /** A hash over the script, every import file (name and bytes) and the Neo4j harness's jar (its release). */
    private static String fingerprint(Path graph) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            List<Path> files;
            try (Stream<Path> imports = Files.list(graph.resolve("import"))) {
                files = Stream.concat(Stream.of(graph.resolve("northwind.cypher")), imports.sorted()).toList();
            }
            for (Path file : files) {
                sha.update(file.getFileName().toString().getBytes(StandardCharsets.UTF_8));
                try (InputStream in = Files.newInputStream(file)) {
                    sha.update(in.readAllBytes());
                }
            }
            sha.update(Neo4jBuilders.class.getProtectionDomain().getCodeSource().getLocation().toString()
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the Northwind graph's files in " + graph, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

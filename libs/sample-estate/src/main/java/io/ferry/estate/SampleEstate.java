package io.ferry.estate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.ferry.estate.graph.GraphCounter;
import io.ferry.estate.graph.GraphModel;
import io.ferry.estate.graph.GraphWriter;
import io.ferry.estate.model.DistrictModel;
import io.ferry.estate.model.World;
import io.ferry.estate.model.WorldBuilder;
import io.ferry.estate.postgres.PgWriter;
import io.ferry.estate.postgres.PgWriter.TableResult;
import io.ferry.estate.tables.TableDef;
import io.ferry.estate.tables.Tables;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The sample estate: a deterministic synthetic K-12 estate (PROD and CERT). The same preset, seed and
 * asOf give the same data in every store; nothing reads the clock.
 */
public final class SampleEstate {
    public static final List<String> STORES = List.of("ids", "hcp1", "hcp2", "adb", "sp");
    public static final List<String> PG_DATABASES = Tables.PG_STORES;

    private SampleEstate() {
    }

    /** The PROD world of the options (pure: no servers). */
    public static World prodWorld(EstateOptions o) {
        return WorldBuilder.prod(o.preset().studentsPerDistrict(), o.seed(), o.asOf());
    }

    /** CERT's own world (pure: no servers). */
    public static World certWorld(EstateOptions o) {
        return WorldBuilder.cert(o.seed(), o.asOf());
    }

    /**
     * Creates databases ids,hcp1,hcp2,adb on both PG servers, schemas (CERT with drift), data, roles
     * (PROD: credentials.prodUser with LOGIN PASSWORD and read-only rights via pg_read_all_data; CERT:
     * certUser with pg_read_all_data + pg_write_all_data and CREATE on the databases), and both graphs.
     * Deterministic in (preset, seed, asOf). Does NOT restart PROD as standby (the caller does that
     * afterwards). A null server is skipped.
     */
    public static EstateReport generate(EstateServers servers, EstateOptions options) {
        World prod;
        World cert;
        ExecutorService pool = Executors.newFixedThreadPool(Integer.getInteger("ferry.estate.threads", 4), r -> {
            Thread t = new Thread(r, "estate-writer");
            t.setDaemon(true);
            return t;
        });
        try {
            Future<World> certF = pool.submit(() -> certWorld(options));
            prod = prodWorld(options);
            cert = certF.get();
            Map<String, List<TableDef>> tables = Tables.all();
            Map<String, List<int[]>> sets = PlantedCatalog.countSets();
            Map<String, List<List<String>>> graphSets = PlantedCatalog.graphSets();
            List<Future<?>> others = new ArrayList<>();
            Future<GraphCounter> prodGraph = servers.prodSp() == null ? null
                    : pool.submit(() -> GraphWriter.write(servers.prodSp(), prod, graphSets));
            Map<String, Future<List<TableResult>>> prodTables = new LinkedHashMap<>();
            for (String store : PG_DATABASES) {
                if (servers.prodPg() != null) {
                    prodTables.put(store, pool.submit(() -> PgWriter.writeStore(servers.prodPg(), store, tables.get(store), prod, sets)));
                }
            }
            for (String store : PG_DATABASES) {
                if (servers.certPg() != null) {
                    others.add(pool.submit(() -> PgWriter.writeStore(servers.certPg(), store, tables.get(store), cert, Map.of())));
                }
            }
            if (servers.certSp() != null) {
                others.add(pool.submit(() -> GraphWriter.write(servers.certSp(), cert, Map.of())));
            }
            Map<String, TableResult> results = new LinkedHashMap<>();
            for (String store : PG_DATABASES) {
                List<TableResult> rs = prodTables.containsKey(store) ? get(prodTables.get(store)) : countStore(prod, tables.get(store), sets);
                for (TableResult r : rs) {
                    results.put(r.store() + "." + r.table(), r);
                }
            }
            GraphCounter graph = prodGraph != null ? get(prodGraph) : countGraph(prod, graphSets);
            for (Future<?> f : others) {
                get(f);
            }
            Credentials c = options.credentials();
            if (c != null) {
                if (servers.prodPg() != null) {
                    PgWriter.roles(servers.prodPg(), PG_DATABASES, c.prodUser(), c.prodPassword(), false);
                }
                if (servers.certPg() != null) {
                    PgWriter.roles(servers.certPg(), PG_DATABASES, c.certUser(), c.certPassword(), true);
                }
            }
            return report(options, prod, results, graph);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not generate the estate: " + e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** The report of the options without any server: the same numbers {@link #generate} returns. */
    public static EstateReport describe(EstateOptions options) {
        World prod = prodWorld(options);
        Map<String, List<int[]>> sets = PlantedCatalog.countSets();
        Map<String, TableResult> results = new LinkedHashMap<>();
        for (Map.Entry<String, List<TableDef>> e : Tables.all().entrySet()) {
            for (TableResult r : countStore(prod, e.getValue(), sets)) {
                results.put(r.store() + "." + r.table(), r);
            }
        }
        return report(options, prod, results, countGraph(prod, PlantedCatalog.graphSets()));
    }

    private static List<TableResult> countStore(World w, List<TableDef> tables, Map<String, List<int[]>> sets) {
        List<TableResult> out = new ArrayList<>();
        for (TableDef t : tables) {
            out.add(PgWriter.count(t, w, sets.getOrDefault(t.store() + "." + t.table(), List.of())));
        }
        return out;
    }

    private static GraphCounter countGraph(World w, Map<String, List<List<String>>> sets) {
        GraphCounter g = new GraphCounter(w.districts.size(), sets);
        GraphModel.emit(w, g);
        return g;
    }

    private static <T> T get(Future<T> f) throws InterruptedException, ExecutionException {
        return f.get();
    }

    static EstateReport report(EstateOptions options, World prod, Map<String, TableResult> tables, GraphCounter graph) {
        Map<String, Long> perStore = new LinkedHashMap<>();
        for (String s : STORES) {
            perStore.put(s, 0L);
        }
        int n = prod.districts.size();
        long[][] perDistrict = new long[n][STORES.size()];
        for (TableResult r : tables.values()) {
            perStore.merge(r.store(), r.rows(), Long::sum);
            int si = STORES.indexOf(r.store());
            for (int d = 0; d < n; d++) {
                perDistrict[d][si] += r.perDistrict()[d];
            }
        }
        perStore.put("sp", graph.totalNodes());
        for (int d = 0; d < n; d++) {
            perDistrict[d][4] = graph.nodesPerDistrict[d];
        }
        List<DistrictModel> ranked = new ArrayList<>(prod.districts);
        ranked.sort(Comparator.comparingLong((DistrictModel d) -> -sum(perDistrict[d.index])).thenComparing(d -> d.code));
        List<DistrictSummary> summaries = new ArrayList<>();
        for (int i = 0; i < ranked.size(); i++) {
            DistrictModel d = ranked.get(i);
            Map<String, Long> rows = new LinkedHashMap<>();
            for (int s = 0; s < STORES.size(); s++) {
                rows.put(STORES.get(s), perDistrict[d.index][s]);
            }
            summaries.add(new DistrictSummary(d.code, i + 1, d.students, d.staff, d.schools.size(), rows));
        }
        return new EstateReport(options, summaries, perStore, PlantedCatalog.planted(prod, tables, graph),
                PlantedCatalog.honeytokens(prod));
    }

    private static long sum(long[] a) {
        long s = 0;
        for (long x : a) {
            s += x;
        }
        return s;
    }

    /** Writes ferry.yaml, planted.json and honeytokens.json into dir (exactly one ferry.yaml). */
    public static void writeFiles(EstateReport report, Path dir) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("ferry.yaml"), ferryYaml());
            ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            Files.writeString(dir.resolve("planted.json"), json.writeValueAsString(Map.of("planted", report.planted())) + "\n");
            Files.writeString(dir.resolve("honeytokens.json"),
                    json.writeValueAsString(Map.of("honeytokens", report.honeytokens())) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the estate files to " + dir, e);
        }
    }

    /** The sample estate's spec (resource io/ferry/estate/ferry.yaml). */
    public static String ferryYaml() {
        try (InputStream in = SampleEstate.class.getResourceAsStream("/io/ferry/estate/ferry.yaml")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static <T> T call(Callable<T> c) {
        try {
            return c.call();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

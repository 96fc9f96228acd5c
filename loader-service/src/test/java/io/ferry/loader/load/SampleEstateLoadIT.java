package io.ferry.loader.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferry.batches.BatchColumn;
import io.ferry.batches.BatchReader;
import io.ferry.batches.BatchSchema;
import io.ferry.batches.BatchWriter;
import io.ferry.batches.BatchWriterOptions;
import io.ferry.cert.DatabaseIdentity;
import io.ferry.cert.LedgerKeys;
import io.ferry.cert.PostgresTarget;
import io.ferry.cert.TargetRefusedException;
import io.ferry.contracts.ids.RunId;
import io.ferry.contracts.messages.CompensateResult.TableProof;
import io.ferry.contracts.messages.LoadResult.TableCounts;
import io.ferry.estate.SampleEstate;
import io.ferry.schema.introspect.PostgresIntrospector;
import io.ferry.schema.model.Reference;
import io.ferry.schema.model.StoreSchema;
import io.ferry.schema.model.Table;
import io.ferry.schema.model.TableId;
import io.ferry.service.run.RunBatches;
import io.ferry.service.run.StagedTable;
import io.ferry.service.spec.LoadedSpec;
import io.ferry.service.testing.DistrictStage;
import io.ferry.service.testing.EstateSpec;
import io.ferry.service.testing.SharedProdEstate;
import io.ferry.spec.SpecHash;
import io.ferry.spec.model.Spec;
import io.ferry.spec.model.TriggerMode;
import io.ferry.spec.parse.Resolver;
import io.ferry.spec.parse.SpecParser;
import io.ferry.staging.FileSystemStaging;
import io.ferry.staging.Staging;
import io.ferry.testkit.postgres.PostgresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * district-001 of the sample estate (small preset) into its CERT estate, whose own test districts reuse PROD's
 * surrogate keys: the four PostgreSQL stores load one after another in cross-store order with the estate's
 * spec (remap for surrogate keys, skip for the lookup tables), each store reading the key maps of the stores
 * before it. What the rows point at is checked against PROD, not only that the references resolve.
 */
class SampleEstateLoadIT {

    private static final List<String> STORES = SampleEstate.PG_DATABASES;
    private static final String DISTRICT = "district-001";

    @TempDir
    static Path dir;
    private static PostgresServer prod;
    private static PostgresServer cert;
    private static LoadedSpec spec;
    private static Staging staging;
    private static List<DatabaseIdentity> prodIdentities;
    private static Map<TableId, StagedTable> stagedFirst;

    @BeforeAll
    static void estate() throws Exception {
        prod = SharedProdEstate.postgres();
        cert = PostgresServer.startTemporary();
        SharedProdEstate.generateCert(cert, null);
        spec = EstateSpec.write(dir.resolve("spec"), prod, cert);
        staging = new FileSystemStaging(dir.resolve("staging"));
        prodIdentities = new ArrayList<>();
        for (String store : STORES) {
            try (Connection c = cert.connect(store)) {
                PostgresTarget.prepare(store, c, cert.jdbcUrl(store), PostgresServer.SUPERUSER, "unused",
                        PostgresServer.SUPERUSER);
            }
            try (Connection c = prod.connect(store)) {
                prodIdentities.add(DatabaseIdentity.of(c));
            }
        }
    }

    @AfterAll
    static void stop() {
        // PROD is the JVM's (SharedProdEstate)
        if (cert != null) {
            cert.close();
        }
    }

    @Test
    void aDistrictLoadsAcrossFourStoresWithRemappedKeysAndEveryReferenceFindsTheRowItHadInProd() throws Exception {
        String first = "mig-20261122160000-001";
        String again = "mig-20261122160000-002";
        Map<TableId, StagedTable> staged = stage(first);
        Map<String, Map<TableId, TableProof>> before = proofs();

        Map<String, List<TableCounts>> counts = new LinkedHashMap<>();
        for (String store : STORES) {
            counts.put(store, load(store, first, staged, LoadTimeouts.defaults()));
        }

        // CERT's test districts hold the same surrogate keys: those rows moved, and the rest kept theirs.
        assertThat(count(counts.get("ids"), "person").remapped()).isPositive();
        assertThat(count(counts.get("hcp1"), "section").remapped()).isPositive();
        // CERT holds the same lookup rows: none of them goes in again.
        assertThat(count(counts.get("ids"), "grade_level").inserted()).isZero();
        assertThat(count(counts.get("ids"), "grade_level").skipped()).isPositive();
        for (String store : STORES) {
            for (TableCounts t : counts.get(store)) {
                TableId id = new TableId(store, t.schema(), t.table());
                assertThat(t.inserted() + t.skipped()).as("rows of %s", id).isEqualTo(staged.get(id).rows());
            }
            try (Connection c = cert.connect(store)) {
                assertThat(orphans(c, store)).as("foreign keys of %s without their row", store).isEmpty();
            }
        }
        // Through remapped keys, across stores and inside JSON, each reference reaches the person it reached in
        // PROD (anonymization is off, so e-mail addresses tell people apart), and a cycle's fix-up did too.
        stagedFirst = staged;
        assertThat(certPeople("hcp1", "SELECT x.person_id FROM public.enrollment x", first))
                .isEqualTo(prodPeople(TableId.parse("hcp1.public.enrollment"), row -> row.get("person_id")))
                .isNotEmpty();
        assertThat(certPeople("adb", "SELECT (x.payload->>'personId')::bigint FROM public.event x", first))
                .isEqualTo(prodPeople(TableId.parse("adb.public.event"), row -> jsonLeaf(row.get("payload"), "personId")))
                .isNotEmpty();
        assertThat(certPeople("ids", "SELECT x.principal_id FROM public.school x", first))
                .isEqualTo(prodPeople(TableId.parse("ids.public.school"), row -> row.get("principal_id")))
                .isNotEmpty();
        Map<String, List<String>> keysFirst = ledgerKeys(first);

        for (String store : STORES.reversed()) {
            try (Connection c = cert.connect(store)) {
                new PgCompensation(LoadTimeouts.defaults()).compensate(c, store, List.of("public"), first, false);
            }
        }
        assertThat(proofs()).isEqualTo(before);

        // The district again: the key maps the first load left put every row on the same CERT key.
        Map<TableId, StagedTable> stagedAgain = stage(again);
        for (String store : STORES) {
            load(store, again, stagedAgain, LoadTimeouts.defaults());
        }
        assertThat(ledgerKeys(again)).isEqualTo(keysFirst);
        for (String store : STORES.reversed()) {
            try (Connection c = cert.connect(store)) {
                new PgCompensation(LoadTimeouts.defaults()).compensate(c, store, List.of("public"), again, false);
            }
        }
        assertThat(proofs()).isEqualTo(before);
    }

    /**
     * Three stores driven one after another, and the third fails: a CERT user holds a lock on one of its
     * tables past the loader's lock timeout. That store is left as it was, the two before it stay loaded, and
     * compensating them gives every table its rows and checksum from before.
     */
    @Test
    void aFaultInTheThirdStoreLeavesItUntouchedAndCompensatingTheFirstTwoRestoresThem() throws Exception {
        String run = "mig-20261122160000-003";
        Map<TableId, StagedTable> staged = stage(run);
        Map<String, Map<TableId, TableProof>> before = proofs();
        try {
            load("ids", run, staged, LoadTimeouts.defaults());
            load("hcp1", run, staged, LoadTimeouts.defaults());
            try (Connection holder = cert.connect("hcp2"); Statement st = holder.createStatement()) {
                holder.setAutoCommit(false);
                st.execute("LOCK TABLE public.submission IN EXCLUSIVE MODE");
                assertThatThrownBy(() -> load("hcp2", run, staged, new LoadTimeouts(Duration.ofSeconds(1),
                        Duration.ofMinutes(5)))).isInstanceOf(LoadFailedException.class)
                        .hasMessageStartingWith("store hcp2 (cert): ")
                        .hasMessageContaining("a lock was not granted in time: SQLSTATE 55P03");
                holder.rollback();
            }
            Map<String, Map<TableId, TableProof>> afterFault = proofs();
            assertThat(afterFault.get("hcp2")).isEqualTo(before.get("hcp2"));
            assertThat(afterFault.get("adb")).isEqualTo(before.get("adb"));
            assertThat(afterFault.get("ids")).isNotEqualTo(before.get("ids"));
            assertThat(afterFault.get("hcp1")).isNotEqualTo(before.get("hcp1"));
            assertThat(runStatus("hcp2", run)).isNull();
            assertThat(runStatus("hcp1", run)).isEqualTo("loaded");
        } finally {
            for (String store : List.of("hcp1", "ids")) {
                try (Connection c = cert.connect(store)) {
                    new PgCompensation(LoadTimeouts.defaults()).compensate(c, store, List.of("public"), run, false);
                }
            }
        }
        assertThat(proofs()).isEqualTo(before);
    }

    /**
     * A loader process killed (SIGKILL) while its transaction waits for a lock a CERT user holds, after it has
     * written rows into several tables: CERT keeps none of them, and a retry of the same run succeeds.
     */
    @Test
    void aLoaderKilledDuringALoadLeavesNothingBehindAndARetrySucceeds() throws Exception {
        String run = "mig-20261122160000-004";
        Map<TableId, StagedTable> staged = stage(run);
        Map<String, Map<TableId, TableProof>> before = proofs();
        Process loader;
        // The watcher polls in auto-commit mode: inside a transaction pg_stat_activity keeps its first snapshot.
        try (Connection holder = cert.connect("ids"); Statement lock = holder.createStatement();
                Connection watcher = cert.connect("ids"); Statement st = watcher.createStatement()) {
            holder.setAutoCommit(false);
            lock.execute("LOCK TABLE public.user_account IN EXCLUSIVE MODE");
            loader = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), LoadProcess.class.getName(),
                    dir.resolve("spec").toString(), dir.resolve("staging").toString(), run, DISTRICT, "ids",
                    cert.jdbcUrl("ids"), dir.resolve("process-work").toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("process.log").toFile()).start();
            try {
                // Killed only once its session waits on the lock, that is after it inserted the tables before.
                assertThat(waitFor(st, "SELECT count(*) FROM pg_stat_activity WHERE application_name = '"
                        + LoadProcess.APPLICATION + "' AND wait_event_type = 'Lock'", 1))
                        .as(() -> "the loader process never waited on the lock; sessions: " + sessions(st) + "; its output:\n"
                                + read(dir.resolve("process.log")) + "\nits threads:\n" + threads(loader))
                        .isTrue();
                assertThat(strings(st, "SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a USING (pid) WHERE"
                        + " a.application_name = '" + LoadProcess.APPLICATION + "' AND l.relation = 'public.person'::regclass"
                        + " AND l.mode = 'RowExclusiveLock'")).containsExactly("1");
            } finally {
                loader.destroyForcibly().waitFor();
            }
            holder.rollback();
            assertThat(waitFor(st, "SELECT count(*) FROM pg_stat_activity WHERE application_name = '"
                    + LoadProcess.APPLICATION + "'", 0)).isTrue();
        }
        assertThat(loader.exitValue()).isNotZero();
        assertThat(proofs()).isEqualTo(before);
        assertThat(runStatus("ids", run)).isNull();

        try {
            assertThat(load("ids", run, staged, LoadTimeouts.defaults())).isNotEmpty();
            assertThat(runStatus("ids", run)).isEqualTo("loaded");
        } finally {
            try (Connection c = cert.connect("ids")) {
                new PgCompensation(LoadTimeouts.defaults()).compensate(c, "ids", List.of("public"), run, false);
            }
        }
        assertThat(proofs()).isEqualTo(before);
    }

    /**
     * The school-person cycle's fix-up sets {@code school.principal_id} after both tables are in. A CERT trigger
     * that audits school updates sees none of it by default ({@code load.triggers: suppress}) and every fixed-up
     * school when the spec says {@code fire} for that table.
     */
    @Test
    void userTriggersSeeTheCycleFixUpOnlyWhenTheSpecSaysFire() throws Exception {
        String suppressed = "mig-20261122160000-006";
        String fired = "mig-20261122160000-007";
        Map<TableId, StagedTable> staged = stage(suppressed);
        Map<TableId, StagedTable> stagedAgain = stage(fired);
        Path folder = dir.resolve("spec-fire");
        EstateSpec.write(folder, prod, cert);
        Files.writeString(folder.resolve("ferry.yaml"), EstateSpec.yaml().replace("triggers: suppress",
                "triggers: {default: suppress, ids.public.school: fire}"));
        Resolver resolver = Resolver.forFolder(folder, Map.of());
        Spec parsed = new SpecParser(resolver, Set.of(SpecParser.Environment.values())).read(folder.resolve("ferry.yaml"));
        LoadedSpec firing = new LoadedSpec(SpecHash.of(parsed), parsed, resolver);
        assertThat(firing.spec().load().triggers(TableId.parse("ids.public.school"))).isEqualTo(TriggerMode.FIRE);
        try (Connection c = cert.connect("ids"); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA audit");
            st.execute("CREATE TABLE audit.school_update (id bigint, principal_id bigint)");
            st.execute("CREATE FUNCTION audit.school_update() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                    + " INSERT INTO audit.school_update VALUES (NEW.id, NEW.principal_id); RETURN NEW; END $$");
            st.execute("CREATE TRIGGER school_update AFTER UPDATE ON public.school FOR EACH ROW"
                    + " EXECUTE FUNCTION audit.school_update()");
            try {
                load("ids", suppressed, staged, LoadTimeouts.defaults());
                assertThat(strings(st, "SELECT count(*) FROM audit.school_update")).containsExactly("0");
                new PgCompensation(LoadTimeouts.defaults()).compensate(c, "ids", List.of("public"), suppressed, false);

                load(firing, "ids", fired, stagedAgain, LoadTimeouts.defaults());
                List<String> fixedUp = strings(st, "SELECT s.id::text FROM public.school s JOIN ferry.ledger l ON"
                        + " l.run_id = '" + fired + "' AND l.table_name = 'public.school' AND l.row_key->>'id' = s.id::text"
                        + " WHERE s.principal_id IS NOT NULL ORDER BY 1");
                assertThat(fixedUp).isNotEmpty();
                assertThat(strings(st, "SELECT id::text FROM audit.school_update WHERE principal_id IS NOT NULL ORDER BY 1"))
                        .isEqualTo(fixedUp);
            } finally {
                for (String run : List.of(suppressed, fired)) {
                    new PgCompensation(LoadTimeouts.defaults()).compensate(c, "ids", List.of("public"), run, false);
                }
                st.execute("DROP TRIGGER school_update ON public.school");
                st.execute("DROP SCHEMA audit CASCADE");
            }
        }
    }

    /**
     * CERT's own insert triggers fire on the run's rows (a table with one loads with PostgreSQL's row checks
     * instead of the set-based ones): a BEFORE INSERT trigger that marks staff assignments marks every one the
     * run wrote, the ledger hashes the rows as the trigger left them, and compensation still restores every table.
     */
    @Test
    void certsInsertTriggersFireOnTheRunsRows() throws Exception {
        String run = "mig-20261122160000-008";
        Map<TableId, StagedTable> staged = stage(run);
        Map<String, Map<TableId, TableProof>> before = proofs();
        try (Connection c = cert.connect("ids"); Statement st = c.createStatement()) {
            st.execute("CREATE FUNCTION public.mark_assignment() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                    + " NEW.role := NEW.role || ' (cert)'; RETURN NEW; END $$");
            st.execute("CREATE TRIGGER mark_assignment BEFORE INSERT ON public.staff_assignment FOR EACH ROW"
                    + " EXECUTE FUNCTION public.mark_assignment()");
            try {
                long written = count(load("ids", run, staged, LoadTimeouts.defaults()), "staff_assignment").inserted();
                assertThat(written).isPositive();
                assertThat(strings(st, "SELECT count(*) FROM public.staff_assignment WHERE role LIKE '% (cert)'"))
                        .containsExactly(Long.toString(written));
                assertThat(strings(st, "SELECT count(*) FROM public.staff_assignment t WHERE md5(t::text) IN (SELECT"
                        + " row_hash FROM ferry.ledger WHERE run_id = '" + run + "' AND table_name = 'public.staff_assignment')"))
                        .containsExactly(Long.toString(written));
                new PgCompensation(LoadTimeouts.defaults()).compensate(c, "ids", List.of("public"), run, false);
            } finally {
                st.execute("DROP TRIGGER mark_assignment ON public.staff_assignment");
                st.execute("DROP FUNCTION public.mark_assignment()");
            }
        }
        assertThat(proofs()).isEqualTo(before);
    }

    /**
     * What CERT holds for the run is checked against the batches with the staging library's canonical checksum
     * before commit: a batch whose JSON text CERT stores differently (jsonb drops the extra space in
     * <code>{  "a": 1}</code>) fails the store, naming the table and both checksums, and CERT is left as it was. A
     * load that matches reports the checksum per table, and a redelivered request gets the same from CERT.
     */
    @Test
    void whatCertHoldsForTheRunMustMatchTheBatchesChecksum() throws Exception {
        String run = "mig-20261122160000-010";
        // The same JSON, not as CERT's jsonb writes it: a space after the opening brace.
        Map<TableId, StagedTable> staged = restaged(stage(run), "person", (columns, rows) -> {
            int contact = columns.indexOf("contact_info");
            String[] row = rows.stream().filter(r -> r[contact] != null && r[contact].startsWith("{\"")).findFirst()
                    .orElseThrow();
            row[contact] = "{  " + row[contact].substring(1);
        });
        Map<String, Map<TableId, TableProof>> before = proofs();

        assertThatThrownBy(() -> load("ids", run, staged, LoadTimeouts.defaults()))
                .isInstanceOf(LoadFailedException.class)
                .hasMessageMatching("(?s).*public\\.person: the \\d+ rows CERT holds for the run have checksum"
                        + " [0-9a-f]{16} over \\d+ column\\(s\\), the batches' \\d+ rows [0-9a-f]{16}; the store was rolled back.*");
        assertThat(proofs()).isEqualTo(before);

        String good = "mig-20261122160000-011";
        List<TableCounts> counts = load("ids", good, stage(good), LoadTimeouts.defaults());
        try (Connection c = cert.connect("ids")) {
            assertThat(count(counts, "staff_assignment").checksum()).matches("[0-9a-f]{16}");
            assertThat(count(counts, "person").checksum()).matches("[0-9a-f]{16}");
            assertThat(PgStoreLoad.loadedBefore(c, "ids", good)).contains(counts);
            new PgCompensation(LoadTimeouts.defaults()).compensate(c, "ids", List.of("public"), good, false);
        }
        assertThat(proofs()).isEqualTo(before);
    }

    /**
     * A batch row whose reference no row answers (the validator would have stopped the run) fails the store's
     * load at the set-based check, naming the foreign key but no value, and CERT is left as it was.
     */
    @Test
    void aReferenceThatFindsNoRowFailsTheStoreAndLeavesCertAsItWas() throws Exception {
        String run = "mig-20261122160000-009";
        Map<TableId, StagedTable> staged = restaged(stage(run), "guardian_link", (columns, rows) -> {
            String[] dangling = rows.get(0).clone();
            dangling[columns.indexOf("student_id")] = "987654321";
            rows.add(dangling);
        });
        Map<String, Map<TableId, TableProof>> before = proofs();

        assertThatThrownBy(() -> load("ids", run, staged, LoadTimeouts.defaults()))
                .isInstanceOf(LoadFailedException.class)
                .hasMessageContaining("guardian_link_student_id_fkey").hasMessageContaining("rolled back")
                .hasMessageNotContaining("987654321");
        assertThat(proofs()).isEqualTo(before);
        try (Connection c = cert.connect("ids"); Statement st = c.createStatement()) {
            assertThat(strings(st, "SELECT count(*) FROM ferry.run WHERE run_id = '" + run + "'")).containsExactly("0");
        }
    }

    /**
     * The loader holds no PROD credentials: a CERT URL that reaches PROD's database is refused by the identities
     * init-target recorded, and a standby (even one with Ferry's marker) is refused; neither is written to.
     */
    @Test
    void theLoaderRefusesProdsOwnDatabaseAndAStandbyWithoutWritingThere() throws Exception {
        String run = "mig-20261122160000-005";
        Map<TableId, StagedTable> staged = stage(run);
        RunInfo info = new RunInfo(run, DISTRICT, spec.specHash(), 1, "load-test");
        try (Connection c = prod.connect("ids"); Statement st = c.createStatement()) {
            assertThatThrownBy(() -> new PgStoreLoad(LoadTimeouts.defaults()).load(c, spec.spec(), "ids", prodIdentities,
                    info, staged, List.of()))
                    .isInstanceOf(TargetRefusedException.class)
                    .hasMessageContaining("same cluster as a prod connection");
            assertThat(strings(st, "SELECT coalesce(to_regnamespace('ferry')::text, 'none')")).containsExactly("none");
        }
        try (PostgresServer standby = PostgresServer.startTemporary()) {
            standby.createDatabase("ids");
            try (Connection c = standby.connect("ids")) {
                PostgresTarget.prepare("ids", c, standby.jdbcUrl("ids"), PostgresServer.SUPERUSER, "unused",
                        PostgresServer.SUPERUSER);
            }
            standby.restartAsStandby();
            try (Connection c = standby.connect("ids"); Statement st = c.createStatement()) {
                assertThatThrownBy(() -> new PgStoreLoad(LoadTimeouts.defaults()).load(c, spec.spec(), "ids",
                        prodIdentities, info, staged, List.of()))
                        .isInstanceOf(TargetRefusedException.class)
                        .hasMessageContaining("standby in recovery");
                assertThat(strings(st, "SELECT count(*) FROM ferry.run")).containsExactly("0");
            }
        }
    }

    /** Polls a count until it equals {@code expected}, for up to 60 s. */
    private static List<String> sessions(Statement st) {
        try {
            return strings(st, "SELECT concat_ws(' | ', application_name, state, wait_event_type, wait_event, left(query, 300))"
                    + " FROM pg_stat_activity WHERE backend_type = 'client backend'");
        } catch (SQLException e) {
            return List.of("(unreadable: " + e.getMessage() + ")");
        }
    }

    /** The process's thread dump, to see where it is when it does not get where the test waits for it. */
    private static String threads(Process process) {
        try {
            Process jstack = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jstack").toString(),
                    Long.toString(process.pid())).redirectErrorStream(true).start();
            String dump = new String(jstack.getInputStream().readAllBytes());
            jstack.waitFor();
            return dump;
        } catch (IOException e) {
            return "(no thread dump: " + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(interrupted)";
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    private static boolean waitFor(Statement st, String countQuery, long expected) throws Exception {
        for (int i = 0; i < 600; i++) {
            if (Long.parseLong(strings(st, countQuery).get(0)) == expected) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    private static List<TableCounts> load(String store, String run, Map<TableId, StagedTable> staged, LoadTimeouts timeouts)
            throws Exception {
        return load(spec, store, run, staged, timeouts);
    }

    private static List<TableCounts> load(LoadedSpec spec, String store, String run, Map<TableId, StagedTable> staged,
            LoadTimeouts timeouts) throws Exception {
        List<ForeignMap> foreign = new ArrayList<>();
        for (TableId t : ForeignMap.needed(spec.spec(), store)) {
            try (Connection other = cert.connect(t.store())) {
                foreign.add(ForeignMap.read(other, List.of("public"), DISTRICT, t));
            }
        }
        try (Connection c = cert.connect(store)) {
            return new PgStoreLoad(timeouts).load(c, spec.spec(), store, prodIdentities,
                    new RunInfo(run, DISTRICT, spec.specHash(), 1, "load-test"), staged, foreign);
        }
    }

    private static Map<TableId, StagedTable> stage(String run) throws Exception {
        DistrictStage.stage(prod, spec, DISTRICT, staging, run, Files.createDirectories(dir.resolve("stage-" + run)));
        return RunBatches.fetch(staging, RunId.parse(run), dir.resolve("batches-" + run));
    }

    /**
     * The staged run with one ids table's batches replaced by one file of its rows as {@code edit} (given the
     * column names and the rows) leaves them.
     */
    private static Map<TableId, StagedTable> restaged(Map<TableId, StagedTable> staged, String table,
            BiConsumer<List<String>, List<String[]>> edit) throws Exception {
        TableId id = TableId.parse("ids.public." + table);
        StagedTable original = staged.get(id);
        List<String[]> rows = new ArrayList<>();
        for (Path file : original.files()) {
            try (BatchReader reader = BatchReader.open(file, null)) {
                String[] row;
                while ((row = reader.next()) != null) {
                    rows.add(row.clone());
                }
            }
        }
        edit.accept(original.columns().stream().map(BatchColumn::name).toList(), rows);
        Path file = Files.createTempFile(dir, "restaged-" + table, ".parquet");
        Files.delete(file);
        try (BatchWriter writer = BatchWriter.create(file, new BatchSchema(original.columns(), Map.of()),
                BatchWriterOptions.defaults())) {
            for (String[] row : rows) {
                writer.write(row);
            }
        }
        Map<TableId, StagedTable> copy = new LinkedHashMap<>(staged);
        copy.put(id, new StagedTable(id, original.columns(), List.of(file), rows.size()));
        return copy;
    }

    private static TableCounts count(List<TableCounts> counts, String table) {
        return counts.stream().filter(t -> t.table().equals(table)).findFirst().orElseThrow();
    }

    /** Per store, every table's rows and checksum. */
    private static Map<String, Map<TableId, TableProof>> proofs() throws SQLException {
        Map<String, Map<TableId, TableProof>> proofs = new LinkedHashMap<>();
        for (String store : STORES) {
            try (Connection c = cert.connect(store)) {
                List<TableId> tables = new PostgresIntrospector().introspect(c, store, List.of("public")).tables().stream()
                        .map(Table::id).toList();
                proofs.put(store, TableChecksum.of(c, tables));
            }
        }
        return proofs;
    }

    /** Per store, the CERT keys the run's ledger names, sorted. */
    private static Map<String, List<String>> ledgerKeys(String run) throws SQLException {
        Map<String, List<String>> keys = new TreeMap<>();
        for (String store : STORES) {
            try (Connection c = cert.connect(store); Statement st = c.createStatement()) {
                keys.put(store, strings(st, "SELECT table_name || ' ' || row_key::text FROM ferry.ledger WHERE run_id = '"
                        + run + "' ORDER BY 1"));
            }
        }
        return keys;
    }

    /**
     * The e-mail addresses (with repeats) of the people that the run's rows of one CERT table point at; the
     * query selects person ids from alias {@code x} of the table, joined to the run's ledger rows.
     */
    private static Map<String, Integer> certPeople(String store, String query, String run) throws SQLException {
        String table = query.substring(query.indexOf("FROM ") + 5, query.lastIndexOf(" x"));
        List<String> ids;
        try (Connection c = cert.connect(store); Statement st = c.createStatement()) {
            Table t = new PostgresIntrospector().introspect(c, store, List.of("public")).table(TableId.parse(store + "."
                    + table)).orElseThrow();
            ids = strings(st, query + " JOIN ferry.ledger l ON l.run_id = '" + run + "' AND l.table_name = '" + table
                    + "' AND " + new LedgerKeys(t).matches("x", "l"));
        }
        return emails(cert, ids);
    }

    /** The same in PROD: the person ids the run's staged rows carried (anonymization off, PROD's values). */
    private static Map<String, Integer> prodPeople(TableId table, Function<Map<String, String>, String> personId)
            throws Exception {
        StagedTable rows = stagedFirst.get(table);
        List<String> ids = new ArrayList<>();
        for (Path file : rows.files()) {
            try (BatchReader reader = BatchReader.open(file, null)) {
                String[] row;
                while ((row = reader.next()) != null) {
                    Map<String, String> values = new HashMap<>();
                    for (int i = 0; i < row.length; i++) {
                        values.put(rows.columns().get(i).name(), row[i]);
                    }
                    ids.add(personId.apply(values));
                }
            }
        }
        return emails(prod, ids);
    }

    private static String jsonLeaf(String json, String key) {
        try {
            JsonNode leaf = new ObjectMapper().readTree(json).get(key);
            return leaf == null || leaf.isNull() ? null : leaf.asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Integer> emails(PostgresServer server, List<String> personIds) throws SQLException {
        Map<String, String> byId = new HashMap<>();
        try (Connection c = server.connect("ids"); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT id::text, email FROM public.person")) {
            while (rs.next()) {
                byId.put(rs.getString(1), rs.getString(2));
            }
        }
        Map<String, Integer> emails = new TreeMap<>();
        for (String id : personIds) {
            if (id != null) {
                emails.merge(String.valueOf(byId.get(id)), 1, Integer::sum);
            }
        }
        return emails;
    }

    private static String runStatus(String store, String run) throws SQLException {
        try (Connection c = cert.connect(store); Statement st = c.createStatement()) {
            List<String> status = strings(st, "SELECT status FROM ferry.run WHERE run_id = '" + run + "'");
            return status.isEmpty() ? null : status.get(0);
        }
    }

    /** Every declared foreign key with the number of rows whose parent is missing, if any. */
    private static Map<String, Long> orphans(Connection c, String store) throws SQLException {
        StoreSchema schema = new PostgresIntrospector().introspect(c, store, List.of("public"));
        Map<String, Long> orphans = new LinkedHashMap<>();
        for (Reference r : schema.references()) {
            if (r.origin() != Reference.Origin.FOREIGN_KEY && r.origin() != Reference.Origin.PARTITION_FOREIGN_KEY) {
                continue;
            }
            List<String> present = new ArrayList<>();
            List<String> join = new ArrayList<>();
            for (int i = 0; i < r.fromColumns().size(); i++) {
                present.add("f." + TableId.quote(r.fromColumns().get(i)) + " IS NOT NULL");
                join.add("p." + TableId.quote(r.toColumns().get(i)) + " = f." + TableId.quote(r.fromColumns().get(i)));
            }
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM "
                    + r.from().qualified() + " f WHERE " + String.join(" AND ", present) + " AND NOT EXISTS (SELECT 1 FROM "
                    + r.to().qualified() + " p WHERE " + String.join(" AND ", join) + ")")) {
                rs.next();
                if (rs.getLong(1) != 0) {
                    orphans.put(r.describe(), rs.getLong(1));
                }
            }
        }
        return orphans;
    }

    private static List<String> strings(Statement st, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}

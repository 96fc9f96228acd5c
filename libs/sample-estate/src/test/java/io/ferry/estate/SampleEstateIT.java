package io.ferry.estate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferry.testkit.neo4j.Neo4jServer;
import io.ferry.testkit.postgres.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.Value;

/** The small preset on real servers: every planted feature, the counts, honeytokens, drift, determinism. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SampleEstateIT {
    static final EstateOptions OPTIONS = new EstateOptions(Preset.SMALL, 20250314L, Instant.parse("2025-03-14T12:00:00Z"),
            new Credentials("ferry_reader", "reader-secret", "ferry_writer", "writer-secret"));

    EstateServers servers;
    EstateReport report;
    Path files;

    @BeforeAll
    void generate() throws Exception {
        servers = start();
        long t0 = System.nanoTime();
        report = SampleEstate.generate(servers, OPTIONS);
        System.out.printf("small estate generated in %.1f s: %s%n", (System.nanoTime() - t0) / 1e9, report.prodRowsPerStore());
        files = Files.createTempDirectory("estate-files-");
        SampleEstate.writeFiles(report, files);
    }

    @AfterAll
    void stop() {
        close(servers);
    }

    static EstateServers start() {
        return new EstateServers(PostgresServer.startTemporary(), PostgresServer.startTemporary(),
                Neo4jServer.startTemporary(), Neo4jServer.startTemporary());
    }

    static void close(EstateServers s) {
        if (s == null) {
            return;
        }
        s.close();
    }

    // ------------------------------------------------------------------ helpers

    static long count(PostgresServer pg, String db, String sql) {
        return Long.parseLong(scalar(pg, db, sql));
    }

    static String scalar(PostgresServer pg, String db, String sql) {
        List<String> rows = column(pg, db, sql);
        assertThat(rows).as(sql).hasSize(1);
        return rows.get(0);
    }

    static List<String> column(PostgresServer pg, String db, String sql) {
        try (Connection c = pg.connect(db); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw new AssertionError(db + ": " + sql + ": " + e.getMessage(), e);
        }
    }

    static List<Record> cypher(Neo4jServer n, String q, Map<String, Object> params) {
        try (Session s = n.driver().session()) {
            return s.run(q, params).list();
        }
    }

    static String predicate(String key) {
        List<String> parts = new ArrayList<>();
        for (String kv : key.split(",")) {
            int eq = kv.indexOf('=');
            parts.add(kv.substring(0, eq) + "::text = '" + kv.substring(eq + 1).replace("'", "''") + "'");
        }
        return String.join(" AND ", parts);
    }

    static Object value(String v) {
        return v.matches("-?\\d+") ? (Object) Long.parseLong(v) : v;
    }

    boolean columnExists(String db, String table, String column) {
        String t = table.substring(table.indexOf('.') + 1).replace("\"", "");
        String c = column.replace("\"", "");
        return count(servers.prodPg(), db, "SELECT count(*) FROM information_schema.columns WHERE table_schema = 'public' AND table_name = '"
                + t + "' AND column_name = '" + c + "'") == 1;
    }

    // ------------------------------------------------------------------ planted counts

    @Test
    void plantedCountsEqualTheRowsInTheStores() {
        assertThat(report.planted()).hasSizeGreaterThan(60);
        for (Planted p : report.planted()) {
            long actual;
            if (p.store().equals("sp")) {
                actual = graphCount(p);
            } else if (!p.keys().isEmpty()) {
                actual = 0;
                for (String key : p.keys()) {
                    long n = count(servers.prodPg(), p.store(), "SELECT count(*) FROM " + p.table() + " WHERE " + predicate(key));
                    assertThat(n).as(p + " key " + key).isEqualTo(1);
                    actual += n;
                }
            } else {
                List<String> conds = new ArrayList<>();
                for (String c : p.columns()) {
                    if (c.contains("->'$.")) {
                        String col = c.substring(0, c.indexOf("->"));
                        String path = c.substring(c.indexOf("'") + 1, c.lastIndexOf("'"));
                        conds.add("jsonb_path_exists(" + col + ", '" + path + "')");
                    } else if (columnExists(p.store(), p.table(), c)) {
                        conds.add(c + " IS NOT NULL");
                    }
                }
                actual = count(servers.prodPg(), p.store(), "SELECT count(*) FROM " + p.table()
                        + (conds.isEmpty() ? "" : " WHERE " + String.join(" AND ", conds)));
            }
            assertThat(actual).as(p.toString()).isEqualTo(p.count());
            if (p.keys().isEmpty() && !p.kind().startsWith("cert-drift")) {
                assertThat(p.count()).as(p.toString()).isPositive();
            }
        }
    }

    long graphCount(Planted p) {
        if (!p.keys().isEmpty()) {
            long total = 0;
            for (String key : p.keys()) {
                String[] parts = key.split(",");
                Object from = value(parts[0].substring(parts[0].indexOf('=') + 1));
                Object to = value(parts[1].substring(parts[1].indexOf('=') + 1));
                total += cypher(servers.prodSp(), "MATCH (a:Person {personId: $a})-[r:" + p.table() + "]->(b:Person {personId: $b}) "
                        + "RETURN count(r) AS n", Map.of("a", from, "b", to)).get(0).get("n").asLong();
            }
            return total;
        }
        String where = p.columns().isEmpty() ? "" : " WHERE " + String.join(" AND ", p.columns().stream().map(c -> "n." + c + " IS NOT NULL").toList());
        boolean rel = p.table().equals(p.table().toUpperCase());
        String q = rel ? "MATCH ()-[n:" + p.table() + "]->()" + where + " RETURN count(n) AS n"
                : "MATCH (n:" + p.table() + ")" + where + " RETURN count(n) AS n";
        return cypher(servers.prodSp(), q, Map.of()).get(0).get("n").asLong();
    }

    @Test
    void reportCountsMatchTheStoresAndTheRanking() {
        long ids = 0;
        for (String t : column(servers.prodPg(), "ids", "SELECT format('%I.%I', schemaname, relname) FROM pg_stat_user_tables")) {
            ids += count(servers.prodPg(), "ids", "SELECT count(*) FROM " + t);
        }
        assertThat(report.prodRowsPerStore().get("ids")).isEqualTo(ids);
        long nodes = cypher(servers.prodSp(), "MATCH (n) RETURN count(n) AS n", Map.of()).get(0).get("n").asLong();
        assertThat(report.prodRowsPerStore().get("sp")).isEqualTo(nodes);
        assertThat(report.districts()).extracting(DistrictSummary::code).containsExactly("district-001", "district-002", "district-003");
        assertThat(report.totalRows()).isBetween(25_000L, 40_000L);
        assertThat(SampleEstate.describe(OPTIONS)).isEqualTo(report);
        for (DistrictSummary d : report.districts()) {
            long students = count(servers.prodPg(), "ids", "SELECT count(*) FROM person p JOIN district d ON d.id = p.district_id "
                    + "WHERE p.kind = 'student' AND d.code = '" + d.code() + "'");
            assertThat(students).isEqualTo(d.students());
        }
    }

    // ------------------------------------------------------------------ schema features (pg_catalog)

    List<String> constraint(String db, String name) {
        return List.of(scalar(servers.prodPg(), db, "SELECT concat_ws('|', contype, conrelid::regclass, confrelid::regclass, "
                + "array_length(conkey, 1), condeferrable, condeferred) FROM pg_constraint WHERE conname = '" + name + "'").split("\\|", -1));
    }

    boolean notNull(PostgresServer pg, String db, String table, String col) {
        return scalar(pg, db, "SELECT is_nullable FROM information_schema.columns WHERE table_name = '" + table
                + "' AND column_name = '" + col + "'").equals("NO");
    }

    @Test
    void keysCyclesAndTableShapesAreThere() {
        PostgresServer pg = servers.prodPg();
        assertThat(constraint("hcp1", "academic_session_pkey")).startsWith("p", "academic_session", "-", "2");
        assertThat(constraint("hcp1", "section_session_fkey")).startsWith("f", "section", "academic_session", "2");
        assertThat(constraint("hcp1", "academic_session_parent_fkey")).startsWith("f", "academic_session", "academic_session", "2");
        assertThat(constraint("ids", "school_parent_school_id_fkey")).startsWith("f", "school", "school", "1");
        assertThat(constraint("hcp1", "course_prerequisite_course_id_fkey")).startsWith("f", "course", "course", "1");
        // nullable cycle
        assertThat(constraint("ids", "school_principal_id_fkey")).startsWith("f", "school", "person");
        assertThat(constraint("ids", "person_school_id_fkey")).startsWith("f", "person", "school");
        assertThat(notNull(pg, "ids", "school", "principal_id")).isFalse();
        assertThat(count(pg, "ids", "SELECT count(*) FROM school WHERE principal_id IS NULL")).isPositive();
        // NOT NULL cycles: deferrable and not
        assertThat(constraint("hcp2", "gradebook_current_period_id_fkey")).containsExactly("f", "gradebook", "grading_period", "1", "t", "t");
        assertThat(constraint("hcp2", "grading_period_gradebook_id_fkey")).containsExactly("f", "grading_period", "gradebook", "1", "t", "t");
        assertThat(constraint("hcp2", "rubric_default_criterion_id_fkey")).containsExactly("f", "rubric", "rubric_criterion", "1", "f", "f");
        assertThat(constraint("hcp2", "rubric_criterion_rubric_id_fkey")).containsExactly("f", "rubric_criterion", "rubric", "1", "f", "f");
        for (String[] c : new String[][] {{"gradebook", "current_period_id"}, {"grading_period", "gradebook_id"},
                {"rubric", "default_criterion_id"}, {"rubric_criterion", "rubric_id"}}) {
            assertThat(notNull(pg, "hcp2", c[0], c[1])).as(c[0]).isTrue();
        }
        // junction tables: the primary key is made of two references
        assertThat(constraint("ids", "guardian_link_pkey")).startsWith("p", "guardian_link", "-", "2");
        assertThat(constraint("hcp1", "enrollment_pkey")).startsWith("p", "enrollment", "-", "2");
        // no primary key
        assertThat(count(pg, "adb", "SELECT count(*) FROM pg_constraint WHERE conrelid = 'daily_usage'::regclass AND contype = 'p'")).isZero();
        // partitioned
        assertThat(scalar(pg, "hcp2", "SELECT relkind FROM pg_class WHERE oid = 'attendance'::regclass")).isEqualTo("p");
        assertThat(count(pg, "hcp2", "SELECT count(*) FROM pg_inherits WHERE inhparent = 'attendance'::regclass")).isEqualTo(3);
        assertThat(count(pg, "hcp2", "SELECT count(*) FROM attendance_y2024")).isPositive();
        // generated and identity columns
        assertThat(scalar(pg, "hcp2", "SELECT attgenerated FROM pg_attribute WHERE attrelid = 'grade'::regclass AND attname = 'percent'")).isEqualTo("s");
        assertThat(scalar(pg, "ids", "SELECT attidentity FROM pg_attribute WHERE attrelid = 'person'::regclass AND attname = 'id'")).isEqualTo("a");
        assertThat(scalar(pg, "adb", "SELECT attidentity FROM pg_attribute WHERE attrelid = 'event'::regclass AND attname = 'id'")).isEqualTo("a");
        // identity sequences continue after the loaded rows
        assertThat(count(pg, "ids", "SELECT nextval(pg_get_serial_sequence('person', 'id')) - (SELECT max(id) FROM person)")).isPositive();
        // mixed-case quoted identifier
        assertThat(count(pg, "hcp2", "SELECT count(*) FROM public.\"AssessmentResult\" WHERE \"personId\" IS NOT NULL")).isPositive();
        // unique personal columns
        for (String c : List.of("person_email_key", "person_state_student_id_key")) {
            assertThat(constraint("ids", c)).startsWith("u", "person");
        }
        for (String c : List.of("user_account_username_key", "user_account_email_key")) {
            assertThat(constraint("ids", c)).startsWith("u", "user_account");
        }
        // no declared reference between stores: hcp1, hcp2 and adb have no FK to a missing table
        assertThat(count(pg, "adb", "SELECT count(*) FROM pg_constraint WHERE contype = 'f'")).isZero();
    }

    @Test
    void everyListedTypeIsUsed() {
        Map<String, String[]> expected = new LinkedHashMap<>();
        expected.put("uuid", new String[] {"ids", "person", "person_uuid"});
        expected.put("bigint", new String[] {"ids", "person", "id"});
        expected.put("numeric(4,2)", new String[] {"hcp1", "course", "credits"});
        expected.put("date", new String[] {"ids", "person", "birth_date"});
        expected.put("timestamp with time zone", new String[] {"ids", "user_account", "last_login_at"});
        expected.put("boolean", new String[] {"ids", "user_account", "is_active"});
        expected.put("bytea", new String[] {"ids", "user_account", "password_hash"});
        expected.put("text[]", new String[] {"ids", "user_account", "roles"});
        expected.put("person_kind", new String[] {"ids", "person", "kind"});
        expected.put("inet", new String[] {"ids", "user_account", "last_login_ip"});
        expected.put("jsonb", new String[] {"adb", "event", "payload"});
        for (Map.Entry<String, String[]> e : expected.entrySet()) {
            String[] t = e.getValue();
            assertThat(scalar(servers.prodPg(), t[0], "SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = '"
                    + t[1] + "'::regclass AND attname = '" + t[2] + "'")).as(e.getKey()).isEqualTo(e.getKey());
            assertThat(count(servers.prodPg(), t[0], "SELECT count(*) FROM " + t[1] + " WHERE " + t[2] + " IS NOT NULL")).isPositive();
        }
        assertThat(scalar(servers.prodPg(), "ids", "SELECT typtype FROM pg_type WHERE typname = 'person_kind'")).isEqualTo("e");
        // personal data inside jsonb
        assertThat(count(servers.prodPg(), "ids", "SELECT count(*) FROM person WHERE contact_info #>> '{emergencyContact,phone}' ~ '^\\(\\d{3}\\) '")).isPositive();
        assertThat(count(servers.prodPg(), "adb", "SELECT count(*) FROM event WHERE payload #>> '{actor,email}' LIKE '%@%'")).isPositive();
        // personal data inside free text: a student's first name in the teacher's comment
        assertThat(count(servers.prodPg(), "hcp2", "SELECT count(*) FROM submission WHERE teacher_comment ~ '\\(\\d{3}\\) \\d{3}-\\d{4}'")).isPositive();
        // nothing in the reserved output ranges
        assertThat(count(servers.prodPg(), "ids", "SELECT count(*) FROM person WHERE email ~ '(example\\.(com|org|net)|\\.invalid|\\.test)$' "
                + "OR phone ~ '555-01\\d\\d'")).isZero();
    }

    // ------------------------------------------------------------------ cross-store and cross-district

    Set<String> values(String db, String sql) {
        return new HashSet<>(column(servers.prodPg(), db, sql));
    }

    @Test
    void crossStoreReferencesResolveExceptThePlantedOnes() {
        Set<String> expectedMissing = new TreeSet<>();
        for (Planted p : report.planted()) {
            if (p.kind().equals("orphan") || p.kind().equals("dangling-cross-store-reference")) {
                expectedMissing.add(p.store() + "." + p.table());
            }
        }
        Set<String> missingIn = new TreeSet<>();
        Map<String, Set<String>> targets = new LinkedHashMap<>();
        for (PlantedCatalog.Link l : PlantedCatalog.LINKS) {
            Set<String> target = targets.computeIfAbsent(l.toStore() + "." + l.toTable() + "." + l.toColumn(),
                    k -> values(l.toStore(), "SELECT " + l.toColumn() + "::text FROM " + l.toTable()));
            Set<String> source;
            if (l.fromStore().equals("sp")) {
                source = new HashSet<>();
                for (Record r : cypher(servers.prodSp(), "MATCH (n:" + l.fromTable() + ") RETURN toString(n." + l.fromColumn() + ") AS v", Map.of())) {
                    source.add(r.get("v").asString());
                }
            } else if (l.fromColumn().contains("->'$.")) {
                String path = l.fromColumn().substring(l.fromColumn().indexOf("$.") + 2, l.fromColumn().length() - 1);
                source = values(l.fromStore(), "SELECT payload ->> '" + path + "' FROM " + l.fromTable() + " WHERE payload ? '" + path + "'");
            } else {
                source = values(l.fromStore(), "SELECT " + l.fromColumn() + "::text FROM " + l.fromTable() + " WHERE " + l.fromColumn() + " IS NOT NULL");
            }
            assertThat(source).as(l.toString()).isNotEmpty();
            source.removeAll(target);
            if (!source.isEmpty()) {
                missingIn.add(l.fromStore() + "." + l.fromTable());
                for (String v : source) {
                    assertThat(Long.parseLong(v)).as(l + " " + v).isGreaterThanOrEqualTo(98_000_000L);
                }
            }
        }
        assertThat(missingIn).isEqualTo(expectedMissing);
    }

    @Test
    void rowsThatBreakValidationAreOnlyInTheLowestRankedDistrict() {
        String lowest = report.districts().get(report.districts().size() - 1).code();
        PostgresServer pg = servers.prodPg();
        for (Planted p : report.planted()) {
            if (List.of("cert-check-violation", "cert-varchar-overflow", "dangling-cross-store-reference").contains(p.kind())) {
                assertThat(p.district()).isEqualTo(lowest);
            }
        }
        assertThat(count(pg, "hcp1", "SELECT count(*) FROM enrollment WHERE exit_date < entry_date")).isEqualTo(1);
        assertThat(column(pg, "ids", "SELECT d.code FROM school s JOIN district d ON d.id = s.district_id WHERE length(s.name) > 120"))
                .containsExactly(lowest);
        String lowId = scalar(pg, "ids", "SELECT id FROM district WHERE code = '" + lowest + "'");
        assertThat(column(pg, "hcp1", "SELECT DISTINCT s.district_id FROM enrollment e JOIN section s ON s.id = e.section_id "
                + "WHERE e.exit_date < e.entry_date")).containsExactly(lowId);
        // cross-tenant rows: owned by district-001, pointing into district-002
        assertThat(count(pg, "ids", "SELECT count(*) FROM person p JOIN school s ON s.id = p.previous_school_id "
                + "WHERE s.district_id <> p.district_id")).isEqualTo(1);
        assertThat(count(pg, "ids", "SELECT count(*) FROM guardian_link l JOIN person g ON g.id = l.guardian_id "
                + "JOIN person c ON c.id = l.student_id WHERE g.district_id <> c.district_id")).isEqualTo(1);
        assertThat(cypher(servers.prodSp(), "MATCH (a:Person)-[:CONNECTED_TO]->(b:Person) WHERE a.districtId <> b.districtId "
                + "RETURN count(*) AS n", Map.of()).get(0).get("n").asLong()).isEqualTo(1);
    }

    // ------------------------------------------------------------------ honeytokens

    @Test
    void honeytokensAreFindableInEveryStore() {
        assertThat(report.honeytokens()).extracting(Honeytoken::store).contains("ids", "hcp2", "adb", "sp");
        Set<String> people = new HashSet<>();
        for (Honeytoken h : report.honeytokens()) {
            String v = h.value().replace("'", "''");
            long n;
            if (h.store().equals("sp")) {
                String[] kv = h.key().split("=");
                n = cypher(servers.prodSp(), "MATCH (n:" + h.table() + " {" + kv[0] + ": $k}) WHERE n." + h.column() + " = $v RETURN count(n) AS n",
                        Map.of("k", value(kv[1]), "v", h.value())).get(0).get("n").asLong();
            } else if (h.column().contains("->'$.")) {
                String path = h.column().substring(h.column().indexOf("$.") + 2, h.column().length() - 1).replace('.', ',');
                n = count(servers.prodPg(), h.store(), "SELECT count(*) FROM " + h.table() + " WHERE " + predicate(h.key())
                        + " AND payload #>> '{" + path + "}' = '" + v + "'");
            } else if (h.column().equals("teacher_comment")) {
                n = count(servers.prodPg(), h.store(), "SELECT count(*) FROM " + h.table() + " WHERE " + predicate(h.key())
                        + " AND strpos(teacher_comment, '" + v + "') > 0");
            } else {
                n = count(servers.prodPg(), h.store(), "SELECT count(*) FROM " + h.table() + " WHERE " + predicate(h.key())
                        + " AND " + h.column() + "::text = '" + v + "'");
            }
            assertThat(n).as(h.toString()).isEqualTo(1);
            if (h.store().equals("ids") && h.table().equals("public.person")) {
                people.add(h.key());
                // unique: no other person holds the value in any column
                assertThat(count(servers.prodPg(), "ids", "SELECT count(*) FROM person WHERE email = '" + v + "' OR phone = '" + v
                        + "' OR state_student_id = '" + v + "'")).isEqualTo(1);
            }
        }
        assertThat(people).hasSizeGreaterThanOrEqualTo(3);
    }

    // ------------------------------------------------------------------ CERT

    @Test
    void certHasTheSameSchemasWithDriftItsOwnDistrictsAndTheLookupRows() {
        PostgresServer cert = servers.certPg();
        PostgresServer prod = servers.prodPg();
        String col = "SELECT concat_ws('|', is_nullable, data_type, character_maximum_length, column_default) FROM information_schema.columns "
                + "WHERE table_name = '%s' AND column_name = '%s'";
        assertThat(column(prod, "ids", col.formatted("person", "preferred_name"))).isEmpty();
        assertThat(scalar(cert, "ids", col.formatted("person", "preferred_name"))).startsWith("YES|text");
        assertThat(column(prod, "hcp1", col.formatted("section", "is_virtual"))).isEmpty();
        assertThat(scalar(cert, "hcp1", col.formatted("section", "is_virtual"))).isEqualTo("NO|boolean|false");
        assertThat(scalar(prod, "hcp1", col.formatted("course", "legacy_code"))).startsWith("YES|character varying|12");
        assertThat(column(cert, "hcp1", col.formatted("course", "legacy_code"))).isEmpty();
        assertThat(scalar(prod, "ids", col.formatted("school", "name"))).isEqualTo("NO|character varying|200");
        assertThat(scalar(cert, "ids", col.formatted("school", "name"))).isEqualTo("NO|character varying|120");
        String check = "SELECT count(*) FROM pg_constraint WHERE conname = 'enrollment_dates_check' AND contype = 'c'";
        assertThat(count(prod, "hcp1", check)).isZero();
        assertThat(count(cert, "hcp1", check)).isEqualTo(1);
        // CERT's own districts; surrogate keys overlap PROD's
        assertThat(column(cert, "ids", "SELECT code FROM district ORDER BY code")).containsExactly("cert-qa-001", "cert-qa-002");
        for (String t : List.of("district", "school", "person")) {
            assertThat(count(cert, "ids", "SELECT count(*) FROM " + t + " WHERE id = 1")).isEqualTo(1);
            assertThat(count(prod, "ids", "SELECT count(*) FROM " + t + " WHERE id = 1")).isEqualTo(1);
        }
        assertThat(count(cert, "hcp1", "SELECT count(*) FROM section WHERE id = 1")).isEqualTo(1);
        // the shared lookup rows are identical
        for (String[] t : new String[][] {{"ids", "grade_level"}, {"hcp1", "subject"}}) {
            String md5 = "SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) FROM " + t[1] + " t";
            assertThat(scalar(cert, t[0], md5)).isEqualTo(scalar(prod, t[0], md5));
        }
        // CERT's data satisfies CERT's constraints; its graph holds its districts
        assertThat(count(cert, "hcp2", "SELECT count(*) FROM submission")).isPositive();
        assertThat(cypher(servers.certSp(), "MATCH (d:District) RETURN d.code AS c ORDER BY c", Map.of()))
                .extracting(r -> r.get("c").asString()).containsExactly("cert-qa-001", "cert-qa-002");
    }

    @Test
    void rolesHaveTheirRights() throws Exception {
        Credentials c = OPTIONS.credentials();
        try (Connection conn = servers.prodPg().connect("ids", c.prodUser(), c.prodPassword()); Statement s = conn.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM person")) {
                rs.next();
                assertThat(rs.getLong(1)).isPositive();
            }
            assertThatThrownBy(() -> s.execute("DELETE FROM grade_level")).isInstanceOf(SQLException.class);
        }
        try (Connection conn = servers.certPg().connect("hcp1", c.certUser(), c.certPassword()); Statement s = conn.createStatement()) {
            s.execute("BEGIN");
            s.execute("UPDATE section SET room = room");
            s.execute("CREATE SCHEMA ferry_probe");
            s.execute("ROLLBACK");
        }
    }

    // ------------------------------------------------------------------ files

    @Test
    void filesAreWritten() throws Exception {
        try (var list = Files.list(files)) {
            assertThat(list.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("ferry.yaml", "honeytokens.json", "planted.json");
        }
        ObjectMapper m = new ObjectMapper();
        JsonNode planted = m.readTree(files.resolve("planted.json").toFile()).get("planted");
        assertThat(planted.size()).isEqualTo(report.planted().size());
        assertThat(planted.get(0).fieldNames()).toIterable().containsExactly("kind", "store", "table", "columns", "keys", "district", "count");
        JsonNode hts = m.readTree(files.resolve("honeytokens.json").toFile()).get("honeytokens");
        assertThat(hts.size()).isEqualTo(report.honeytokens().size());
        assertThat(hts.get(0).fieldNames()).toIterable().containsExactly("store", "table", "key", "column", "value");
        String yaml = Files.readString(files.resolve("ferry.yaml"));
        assertThat(yaml).contains("tenant: {store: ids, table: public.district, key: [code]}", "crossTenant: copy", "dangling: drop",
                "${prod.ids.url}", "${cert.sp.url}");
    }

    // ------------------------------------------------------------------ determinism

    @Test
    void aSecondRunOnFreshServersGivesIdenticalData() {
        EstateServers second = start();
        try {
            EstateReport again = SampleEstate.generate(second, OPTIONS);
            assertThat(again).isEqualTo(report);
            for (boolean cert : new boolean[] {false, true}) {
                PostgresServer a = cert ? servers.certPg() : servers.prodPg();
                PostgresServer b = cert ? second.certPg() : second.prodPg();
                for (String db : SampleEstate.PG_DATABASES) {
                    Map<String, String> x = checksums(a, db);
                    assertThat(x).isNotEmpty();
                    assertThat(checksums(b, db)).as((cert ? "cert " : "prod ") + db).isEqualTo(x);
                }
                Neo4jServer ga = cert ? servers.certSp() : servers.prodSp();
                Neo4jServer gb = cert ? second.certSp() : second.prodSp();
                assertThat(graph(gb)).isEqualTo(graph(ga));
            }
        } finally {
            close(second);
        }
    }

    static Map<String, String> checksums(PostgresServer pg, String db) {
        Map<String, String> out = new TreeMap<>();
        for (String t : column(pg, db, "SELECT format('%I.%I', n.nspname, c.relname) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY 1")) {
            out.put(t, scalar(pg, db, "SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM " + t + " t"));
        }
        return out;
    }

    static List<String> graph(Neo4jServer n) {
        List<String> out = new ArrayList<>();
        for (Record r : cypher(n, "MATCH (x) RETURN labels(x) AS l, properties(x) AS p", Map.of())) {
            out.add(r.get("l").asList().toString() + new TreeMap<>(r.get("p").asMap()));
        }
        for (Record r : cypher(n, "MATCH (a)-[x]->(b) RETURN type(x) AS t, properties(x) AS p, "
                + "coalesce(a.personId, a.sectionId, a.schoolId, a.districtId) AS a, coalesce(b.personId, b.sectionId, b.schoolId, b.districtId) AS b",
                Map.of())) {
            Value a = r.get("a");
            Value b = r.get("b");
            out.add(r.get("t").asString() + a + "->" + b + new TreeMap<>(r.get("p").asMap()));
        }
        out.sort(null);
        assertThat(out).hasSizeGreaterThan(1000);
        return out;
    }
}

package io.ferry.anonymizer.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferry.anonymize.classify.DataType;
import io.ferry.anonymize.classify.RuleIndex;
import io.ferry.anonymize.classify.TokenDictionary;
import io.ferry.anonymize.text.DictionaryHashes;
import io.ferry.anonymize.text.TextScrubber;
import io.ferry.anonymizer.batch.BatchFixture;
import io.ferry.anonymizer.leak.Honeytokens;
import io.ferry.anonymizer.work.BatchJob;
import io.ferry.anonymizer.work.LeakCheckJob;
import io.ferry.anonymizer.work.RunTools;
import io.ferry.batches.FileKey;
import io.ferry.contracts.messages.BatchManifest;
import io.ferry.contracts.messages.CheckStatus;
import io.ferry.contracts.messages.LeakCheckRequest;
import io.ferry.contracts.messages.LeakCheckResult;
import io.ferry.estate.EstateOptions;
import io.ferry.estate.EstateReport;
import io.ferry.estate.EstateServers;
import io.ferry.estate.Preset;
import io.ferry.estate.SampleEstate;
import io.ferry.schema.model.TableId;
import io.ferry.spec.model.Link;
import io.ferry.spec.model.Spec;
import io.ferry.spec.parse.Resolver;
import io.ferry.spec.parse.SpecParser;
import io.ferry.staging.FileSystemStaging;
import io.ferry.staging.Staging;
import io.ferry.testkit.neo4j.Neo4jServer;
import io.ferry.testkit.postgres.PostgresServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;

/**
 * The sample estate (smallest preset: PROD PostgreSQL with ids, hcp1, hcp2, adb, and the Neo4j graph
 * {@code sp}) through the anonymizer under the estate's own spec: every PostgreSQL table is staged whole as
 * a raw batch, the graph's {@code Person} nodes as a label batch, and each is anonymized by the batch job
 * with a scrubber over the district's dictionary (names, emails, usernames and state ids read from PROD, as
 * the extractor's preflight hashes them). Proves on the data that:
 * <ul>
 * <li>a person is the same fake person in both stores: the anonymized first and last name in
 *     {@code ids.public.person} equal the anonymized {@code firstName}/{@code lastName} of the {@code sp}
 *     Person node linked to it ({@code sp:Person(personId)} to {@code ids.public.person(id)}), and so do the
 *     email and username where both stores held the same source value;</li>
 * <li>the run's leak check, watching the estate's {@code honeytokens.json}, passes;</li>
 * <li>no honeytoken value of seven or more letters and digits is left anywhere in the anonymized batches,
 *     though the raw batches held each of them;</li>
 * <li>the planted teacher comments ({@code hcp2.public.submission.teacher_comment}) lose the emails, phone
 *     numbers and student names they held.</li>
 * </ul>
 * Failures name stores, tables, columns and keys, never a personal value.
 */
class SampleEstateAnonymizationIT {

    private static final String RUN = "mig-20261121130000-001";
    private static final String SPEC_HASH = "e".repeat(64);
    private static final FileKey RAW_KEY = new FileKey(1, "estate-test-raw-file-key-32bytes".getBytes(
            StandardCharsets.US_ASCII));
    private static final String PERSON_NODES = "sp.label.Person";
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
    private static final Pattern PHONE = Pattern.compile("\\(\\d{3}\\) \\d{3}-\\d{4}");

    @TempDir
    static Path dir;
    private static RunTools tools;
    private static Staging staging;
    private static int batches;
    private static Path honeytokensFile;
    private static Link personLink;
    /** By {@code store.schema.table} (graph: {@code sp.label.Person}): the raw rows and the anonymized rows, aligned. */
    private static final Map<String, NamedRows> source = new LinkedHashMap<>();
    private static final Map<String, NamedRows> anonymized = new LinkedHashMap<>();

    @BeforeAll
    static void anonymizeTheEstate() throws Exception {
        Path estate = dir.resolve("estate");
        Path reads = Files.createDirectories(dir.resolve("reads"));
        staging = new FileSystemStaging(dir.resolve("staging"));
        BatchJob job = new BatchJob(staging, () -> RAW_KEY, dir.resolve("tmp"), 8 << 20);
        try (PostgresServer prod = PostgresServer.startTemporary(); Neo4jServer graph = Neo4jServer.startTemporary()) {
            EstateReport report = SampleEstate.generate(new EstateServers(prod, null, graph, null),
                    new EstateOptions(Preset.SMALL, 42, Instant.parse("2026-09-01T00:00:00Z"), null));
            SampleEstate.writeFiles(report, estate);
            honeytokensFile = estate.resolve("honeytokens.json");
            Path specFile = estate.resolve("ferry.yaml");
            assertThat(specFile).hasContent(SampleEstate.ferryYaml());
            Spec spec = new SpecParser(new Resolver(Map.of(), Map.of(), estate), Set.of())
                    .read(specFile.toString(), Files.readString(specFile), estate);
            personLink = LabelBatches.link(spec, "sp", "Person");
            assertThat(personLink.to().table()).isEqualTo(new TableId("ids", "public", "person"));
            tools = new RunTools(RuleIndex.of(spec), BatchFixture.anonymizer(), districtScrubber(prod, graph),
                    BatchFixture.leakKey());

            for (String store : SampleEstate.PG_DATABASES) {
                try (Connection c = prod.connect(store)) {
                    TableCopies.sessionSettings(c);
                    for (String table : TableCopies.tables(c, "public")) {
                        anonymize(job, TableCopies.stageRaw(c, staging, dir, RUN, SPEC_HASH, store, "public", table,
                                RAW_KEY), reads);
                    }
                }
            }
            List<String> properties = LabelBatches.ruledProperties(spec, "sp", "Person");
            assertThat(properties).containsExactly("email", "firstName", "lastName", "username");
            anonymize(job, LabelBatches.stage(graph.driver(), staging, dir, RUN, SPEC_HASH, "sp", "Person",
                    personLink.from().columns().get(0), properties, RAW_KEY), reads);
        }
        assertThat(source).containsKeys("ids.public.person", "ids.public.user_account", "hcp2.public.submission",
                "adb.public.event", PERSON_NODES);
    }

    /** Keeps the raw batch's rows, anonymizes it with the batch job, keeps the anonymized twin's rows. */
    private static void anonymize(BatchJob job, BatchManifest raw, Path reads) throws Exception {
        String name = raw.store() + "." + raw.schema() + "." + raw.table();
        source.put(name, NamedRows.read(staging, raw.stagingPath(), RAW_KEY, reads));
        BatchManifest out = job.anonymize(raw, tools).manifest();
        assertThat(out.rows()).as("rows of %s", name).isEqualTo(raw.rows());
        anonymized.put(name, NamedRows.read(staging, out.stagingPath(), null, reads));
        batches++;
    }

    /**
     * The scrubber over the district's dictionary, built as the extractor's preflight builds it: the keyed
     * hashes of every person name, email, username and state id (and emergency contact name) of PROD.
     */
    private static TextScrubber districtScrubber(PostgresServer prod, Neo4jServer graph) throws Exception {
        TokenDictionary dictionary = new TokenDictionary(BatchFixture.DICTIONARY_KEY);
        try (Connection c = prod.connect("ids"); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT first_name, last_name, email, state_student_id,"
                    + " contact_info->'emergencyContact'->>'name' FROM public.person")) {
                while (rs.next()) {
                    dictionary.add(DataType.FIRST_NAME, rs.getString(1));
                    dictionary.add(DataType.LAST_NAME, rs.getString(2));
                    dictionary.add(DataType.EMAIL, rs.getString(3));
                    dictionary.add(DataType.STATE_ID, rs.getString(4));
                    dictionary.add(DataType.FULL_NAME, rs.getString(5));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT username, email FROM public.user_account")) {
                while (rs.next()) {
                    dictionary.add(DataType.USERNAME, rs.getString(1));
                    dictionary.add(DataType.EMAIL, rs.getString(2));
                }
            }
        }
        try (Session session = graph.driver().session()) {
            for (Record r : session.run("MATCH (p:Person) RETURN p.firstName AS f, p.lastName AS l, p.email AS e,"
                    + " p.username AS u").list()) {
                dictionary.add(DataType.FIRST_NAME, r.get("f").isNull() ? null : r.get("f").asString());
                dictionary.add(DataType.LAST_NAME, r.get("l").isNull() ? null : r.get("l").asString());
                dictionary.add(DataType.EMAIL, r.get("e").isNull() ? null : r.get("e").asString());
                dictionary.add(DataType.USERNAME, r.get("u").isNull() ? null : r.get("u").asString());
            }
        }
        assertThat(dictionary.size()).isGreaterThan(1_000);
        Path file = dir.resolve("tokens.txt");
        dictionary.writeTo(file);
        return new TextScrubber(BatchFixture.DICTIONARY_KEY, DictionaryHashes.read(file),
                BatchFixture.KEY.derive("scrub"), BatchFixture.KEY.version());
    }

    @Test
    void aPersonIsTheSameFakePersonInIdsAndInTheGraph() {
        String personId = personLink.from().columns().get(0);
        String idColumn = personLink.to().columns().get(0);
        Map<String, String[]> idsBefore = source.get("ids.public.person").byKey(idColumn);
        Map<String, String[]> idsAfter = anonymized.get("ids.public.person").byKey(idColumn);
        Map<String, String[]> accountsBefore = source.get("ids.public.user_account").byKey("person_id");
        Map<String, String[]> accountsAfter = anonymized.get("ids.public.user_account").byKey("person_id");
        NamedRows nodesBefore = source.get(PERSON_NODES);
        NamedRows nodesAfter = anonymized.get(PERSON_NODES);
        NamedRows ids = source.get("ids.public.person");
        NamedRows accounts = source.get("ids.public.user_account");

        // pairs of (node property, ids column) compared for every node whose source values agree
        List<String[]> pairs = List.of(new String[] {"firstName", "first_name"}, new String[] {"lastName", "last_name"},
                new String[] {"email", "email"});
        Map<String, Integer> compared = new LinkedHashMap<>();
        Set<String> differ = new TreeSet<>();
        Set<String> sourceDiffers = new TreeSet<>();
        Set<String> unchanged = new TreeSet<>();
        Set<String> unlinked = new TreeSet<>();
        for (int n = 0; n < nodesBefore.rows().size(); n++) {
            String[] before = nodesBefore.rows().get(n);
            String[] after = nodesAfter.rows().get(n);
            String id = before[nodesBefore.column(personId)];
            assertThat(after[nodesAfter.column(personId)]).as("node keys stay").isEqualTo(id);
            String[] person = idsBefore.get(id);
            if (person == null) {
                unlinked.add(id);
                continue;
            }
            String[] personAfter = idsAfter.get(id);
            for (String[] pair : pairs) {
                String nodeBefore = before[nodesBefore.column(pair[0])];
                String columnBefore = person[ids.column(pair[1])];
                if (!Objects.equals(nodeBefore, columnBefore)) {
                    if (!pair[0].equals("email")) {
                        sourceDiffers.add(pair[0] + " of person " + id); // names must agree in PROD for this to mean anything
                    }
                    continue; // emails are compared where both stores held the same one
                }
                if (nodeBefore == null) {
                    continue;
                }
                compared.merge(pair[0], 1, Integer::sum);
                String nodeAfter = after[nodesAfter.column(pair[0])];
                if (!Objects.equals(nodeAfter, personAfter[ids.column(pair[1])])) {
                    differ.add(pair[0] + " of person " + id);
                }
                if (nodeAfter == null || nodeAfter.equalsIgnoreCase(nodeBefore)) {
                    unchanged.add(pair[0] + " of person " + id);
                }
            }
            String username = before[nodesBefore.column("username")];
            String[] account = accountsBefore.get(id);
            if (username != null && account != null && username.equals(account[accounts.column("username")])) {
                compared.merge("username", 1, Integer::sum);
                if (!Objects.equals(after[nodesAfter.column("username")],
                        accountsAfter.get(id)[accounts.column("username")])) {
                    differ.add("username of person " + id);
                }
            }
        }

        int nodes = nodesBefore.rows().size();
        assertThat(nodes).isGreaterThan(1_000);
        assertThat(unlinked).as("Person nodes without their ids.public.person row").isEmpty();
        assertThat(sourceDiffers).as("names that differ between ids and sp in PROD already").isEmpty();
        assertThat(compared.get("firstName")).as("first names compared").isEqualTo(nodes);
        assertThat(compared.get("lastName")).as("last names compared").isEqualTo(nodes);
        assertThat(compared.get("email")).as("emails compared").isGreaterThan(nodes / 2);
        assertThat(compared.get("username")).as("usernames compared").isGreaterThan(100);
        assertThat(differ).as("values anonymized differently in ids and sp").isEmpty();
        assertThat(unchanged).as("values the anonymizer left as they were").isEmpty();
    }

    @Test
    void theRunsLeakCheckWatchingTheHoneytokensPasses() throws Exception {
        Honeytokens honeytokens = Honeytokens.read(honeytokensFile);
        assertThat(honeytokens.size()).isPositive();

        LeakCheckResult leak = new LeakCheckJob(staging, dir.resolve("tmp"), 2, honeytokens)
                .check(new LeakCheckRequest(RUN, SPEC_HASH, 1, batches), tools);

        assertThat(leak.status()).as("findings %s", leak.findings()).isEqualTo(CheckStatus.PASSED);
        assertThat(leak.findings()).isEmpty();
        assertThat(leak.tokensChecked()).isGreaterThan(100_000);
    }

    @Test
    void noHoneytokenIsLeftInAnyAnonymizedBatch() throws Exception {
        Set<String> watched = new TreeSet<>();
        for (JsonNode h : honeytokens()) {
            String value = h.get("value").asText();
            if (value.codePoints().filter(Character::isLetterOrDigit).count() >= 7) {
                watched.add(value.toLowerCase(Locale.ROOT));
            }
        }
        assertThat(watched).as("honeytoken values of 7 or more letters and digits").hasSizeGreaterThanOrEqualTo(4);

        Set<String> inSource = where(source, watched);
        Set<String> inAnonymized = where(anonymized, watched);

        assertThat(inSource).as("where the raw batches held honeytokens").contains("ids.public.person.email",
                "ids.public.person.phone", "ids.public.person.state_student_id", "ids.public.user_account.username",
                "ids.public.user_account.email", "hcp2.public.submission.teacher_comment", "adb.public.event.payload",
                "sp.label.Person.email", "sp.label.Person.username");
        assertThat(inAnonymized).as("where the anonymized batches hold a honeytoken").isEmpty();
        assertThat(anonymized.keySet()).as("every batch was scanned").isEqualTo(source.keySet()).hasSize(batches);
    }

    /** {@code store.schema.table.column} of every value that contains one of {@code values} (lower-case), ignoring case. */
    private static Set<String> where(Map<String, NamedRows> batches, Set<String> values) {
        Set<String> found = new TreeSet<>();
        batches.forEach((table, rows) -> {
            for (String[] row : rows.rows()) {
                for (int i = 0; i < row.length; i++) {
                    if (row[i] == null) {
                        continue;
                    }
                    String text = row[i].toLowerCase(Locale.ROOT);
                    for (String v : values) {
                        if (text.contains(v)) {
                            found.add(table + "." + rows.columns().get(i));
                        }
                    }
                }
            }
        });
        return found;
    }

    @Test
    void theTeachersCommentsLoseTheirEmailsPhonesAndStudentNames() throws Exception {
        NamedRows before = source.get("hcp2.public.submission");
        NamedRows after = anonymized.get("hcp2.public.submission");
        int comment = before.column("teacher_comment");
        int submissionId = before.column("id");
        int student = before.column("person_id");
        Map<String, String[]> people = source.get("ids.public.person").byKey("id");
        NamedRows ids = source.get("ids.public.person");

        // the planted ones (a honeytoken email and phone each), then the first few quoting a phone, then a few names alone
        Set<String> chosen = new LinkedHashSet<>();
        for (JsonNode h : honeytokens()) {
            if (h.get("store").asText().equals("hcp2") && h.get("table").asText().equals("public.submission")) {
                chosen.add(h.get("key").asText().substring("id=".length()));
            }
        }
        int planted = chosen.size();
        List<String[]> others = before.rows().stream().filter(r -> r[comment] != null && !chosen.contains(r[submissionId]))
                .sorted(Comparator.comparingLong(r -> Long.parseLong(r[submissionId]))).toList();
        others.stream().filter(r -> PHONE.matcher(r[comment]).find()).limit(5).forEach(r -> chosen.add(r[submissionId]));
        others.stream().filter(r -> !PHONE.matcher(r[comment]).find()).limit(3).forEach(r -> chosen.add(r[submissionId]));
        assertThat(planted).as("planted comments").isPositive();
        assertThat(chosen).hasSize(planted + 8);

        Map<String, Integer> rowOf = new LinkedHashMap<>();
        for (int i = 0; i < before.rows().size(); i++) {
            rowOf.put(before.rows().get(i)[submissionId], i);
        }
        Map<String, Integer> checked = new LinkedHashMap<>();
        Set<String> kept = new TreeSet<>();
        for (String id : chosen) {
            String[] b = before.rows().get(rowOf.get(id));
            String[] a = after.rows().get(rowOf.get(id));
            assertThat(a[submissionId]).isEqualTo(id);
            String was = b[comment];
            String now = a[comment];
            if (now == null || now.equals(was)) {
                kept.add("the whole comment of submission " + id);
                continue;
            }
            String[] person = people.get(b[student]);
            List<String[]> personal = new ArrayList<>(); // (what, value)
            Matcher m = EMAIL.matcher(was);
            while (m.find()) {
                personal.add(new String[] {"email", m.group()});
            }
            m = PHONE.matcher(was);
            while (m.find()) {
                personal.add(new String[] {"phone", m.group()});
            }
            for (String column : List.of("first_name", "last_name")) {
                String name = person[ids.column(column)];
                if (word(name).matcher(was).find()) {
                    personal.add(new String[] {column, name});
                }
            }
            assertThat(personal).as("personal data in the source comment of submission %s", id).isNotEmpty();
            for (String[] p : personal) {
                checked.merge(p[0], 1, Integer::sum);
                boolean left = p[0].equals("phone")
                        ? now.replaceAll("\\D", "").contains(p[1].replaceAll("\\D", ""))
                        : p[0].equals("email") ? now.toLowerCase(Locale.ROOT).contains(p[1].toLowerCase(Locale.ROOT))
                        : word(p[1]).matcher(now).find();
                if (left) {
                    kept.add(p[0] + " in the comment of submission " + id);
                }
            }
        }
        assertThat(kept).as("personal data the scrubber left in the comments").isEmpty();
        assertThat(checked).as("emails, phones and names checked").containsKeys("email", "phone", "first_name");
        assertThat(checked.get("email")).isGreaterThanOrEqualTo(planted);
        assertThat(checked.get("phone")).isGreaterThanOrEqualTo(planted + 5);
        assertThat(checked.get("first_name")).isEqualTo(chosen.size());
    }

    /** The name as a whole word, ignoring case. */
    private static Pattern word(String name) {
        return Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(name) + "(?![\\p{L}\\p{N}])",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    private static List<JsonNode> honeytokens() throws Exception {
        List<JsonNode> out = new ArrayList<>();
        new ObjectMapper().readTree(Files.readString(honeytokensFile)).get("honeytokens").forEach(out::add);
        return out;
    }
}

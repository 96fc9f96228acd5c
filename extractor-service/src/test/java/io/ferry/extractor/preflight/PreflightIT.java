package io.ferry.extractor.preflight;

import io.ferry.anonymize.classify.TokenDictionary;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.ferry.extractor.extraction.PlannedRuns;
import io.ferry.planning.prod.ProdSnapshot;
import io.ferry.contracts.messages.CheckStatus;
import io.ferry.contracts.messages.Failure;
import io.ferry.contracts.messages.PreflightRequest;
import io.ferry.contracts.messages.PreflightResult;
import io.ferry.contracts.messages.PreflightResult.Finding;
import io.ferry.contracts.messages.PreflightResult.Problem;
import io.ferry.extractor.extraction.ExtractionFailure;
import io.ferry.service.spec.LoadedSpec;
import io.ferry.spec.model.AnonymizeRule;
import io.ferry.staging.FileSystemStaging;
import io.ferry.testkit.Datasets;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The preflight on real servers (PostgreSQL as a hot standby, Neo4j): the small sample estate with its
 * own spec passes and writes the district's dictionary; without the rule for a planted personal column
 * or JSON path it fails naming exactly that field and the rule to add; a PROD value inside a reserved
 * range fails it; Pagila without rules is flagged where its personal columns are; and no log line carries
 * a honeytoken.
 */
class PreflightIT {

    private static final byte[] KEY = "preflight-it-dictionary-key-0123".getBytes(StandardCharsets.US_ASCII);
    private static final AtomicInteger RUNS = new AtomicInteger();
    /**
     * A passed preflight leaves its plan for extractions that never come here: closed at once. The graph store's
     * closure runs beside the relational fields' classification, as in the service.
     */
    private static final PlannedRuns RUNS_PLANS = plans(4);
    private static final List<String> LOGGED = Collections.synchronizedList(new ArrayList<>());
    private static final Handler CAPTURE = new Handler() {
        @Override
        public void publish(LogRecord r) {
            StringBuilder b = new StringBuilder(String.valueOf(r.getMessage()));
            if (r.getParameters() != null) {
                for (Object p : r.getParameters()) {
                    b.append(' ').append(p);
                }
            }
            if (r.getThrown() != null) {
                b.append(' ').append(r.getThrown());
            }
            LOGGED.add(b.toString());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @TempDir
    static Path root;
    private static PreflightEstate estate;
    private static LoadedSpec sample;
    private static FileSystemStaging staging;

    @BeforeAll
    static void startProd() throws Exception {
        estate = PreflightEstate.start(root.resolve("estate"));
        sample = PreflightEstate.load(estate.sampleDir);
        staging = new FileSystemStaging(root.resolve("staging"));
        java.util.logging.Logger.getLogger("").addHandler(CAPTURE);
    }

    @AfterAll
    static void stop() {
        RUNS_PLANS.closeAll(java.time.Duration.ZERO);
        java.util.logging.Logger.getLogger("").removeHandler(CAPTURE);
        if (estate != null) {
            estate.close();
        }
    }

    private static PlannedRuns plans(int sessionsPerStore) {
        return new PlannedRuns(new ProdSnapshot.SessionSettings("ferry-extractor", java.time.Duration.ZERO),
                java.time.Duration.ofHours(1), java.time.Duration.ZERO, sessionsPerStore);
    }

    private static String runId() {
        return String.format(Locale.ROOT, "mig-20260901000000-%03d", RUNS.incrementAndGet());
    }

    private static PreflightResult run(LoadedSpec spec, String district, PreflightSettings settings, String runId) {
        PreflightRequest request = new PreflightRequest(runId, district, spec.specHash(), 1);
        return new ProdPreflight(staging, settings, RUNS_PLANS).run(request, spec);
    }

    private static PreflightResult run(LoadedSpec spec, String district) {
        return run(spec, district, PreflightSettings.defaults(KEY), runId());
    }

    private static Path dictionary(String runId) {
        return staging.root().resolve(ProdPreflight.dictionaryKey(runId));
    }

    @Test
    void theSampleEstatePassesWithItsRulesAndWritesTheDistrictsDictionary() throws Exception {
        String runId = runId();
        PreflightResult result = run(sample, "district-001", PreflightSettings.defaults(KEY), runId);

        assertThat(result.findings()).isEmpty();
        assertThat(result.status()).isEqualTo(CheckStatus.PASSED);
        assertThat(result.failure()).isNull();
        assertThat(result.fieldsClassified()).isGreaterThan(150);

        Path file = dictionary(runId);
        assertThat(file).exists();
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSizeGreaterThan(1000).isSorted().doesNotHaveDuplicates()
                .allMatch(l -> l.matches("[0-9a-f]{64}"));
        TokenDictionary hashes = new TokenDictionary(KEY);
        String firstName = estate.firstValue("ids", "SELECT p.first_name FROM public.person p JOIN public.district d"
                + " ON d.id = p.district_id WHERE d.code = 'district-001' AND p.kind = 'student' ORDER BY p.id LIMIT 1")
                .orElseThrow();
        assertThat(lines).contains(hashes.hmac(TokenDictionary.canonical(firstName)));
        String text = Files.readString(file);
        assertThat(text.toLowerCase(Locale.ROOT)).doesNotContain(firstName.toLowerCase(Locale.ROOT));

        // The district-001 honeytoken's identifiers are in the dictionary, as hashes only.
        for (JsonNode h : estate.json("honeytokens.json").get("honeytokens")) {
            if (h.get("store").asText().equals("ids") && h.get("column").asText().equals("state_student_id")
                    && estate.firstValue("ids", "SELECT d.code FROM public.person p JOIN public.district d ON d.id ="
                            + " p.district_id WHERE p.state_student_id = '" + h.get("value").asText() + "'")
                            .orElseThrow().equals("district-001")) {
                assertThat(lines).contains(hashes.hmac(TokenDictionary.canonical(h.get("value").asText())));
                assertThat(text).doesNotContain(h.get("value").asText());
            }
        }
    }

    /**
     * The graph's own values reach the dictionary, from the district's nodes only: a first name only the graph holds
     * (set on one of district-001's Person nodes) is hashed in, one set on a district-002 Person that no district-001
     * node touches is not. The sample estate's graph otherwise repeats the relational stores' names.
     */
    @Test
    void theDictionaryHoldsTheGraphsOwnValuesOfTheDistrictsNodesOnly() throws Exception {
        long own = Long.parseLong(estate.firstValue("ids", "SELECT id FROM public.district WHERE code = 'district-001'")
                .orElseThrow());
        long other = Long.parseLong(estate.firstValue("ids", "SELECT id FROM public.district WHERE code = 'district-002'")
                .orElseThrow());
        try (var session = estate.graph.driver().session()) {
            long inside = session.run("MATCH (p:Person)--() WHERE p.districtId = $d RETURN p.personId AS id"
                    + " ORDER BY id LIMIT 1", java.util.Map.of("d", own)).single().get("id").asLong();
            long outside = session.run("MATCH (p:Person)--() WHERE p.districtId = $d AND NOT EXISTS"
                    + " { (p)--(q) WHERE q.districtId = $own } RETURN p.personId AS id ORDER BY id LIMIT 1",
                    java.util.Map.of("d", other, "own", own)).single().get("id").asLong();
            String set = "MATCH (p:Person {personId: $id}) WITH p, p.firstName AS was SET p.firstName = $name RETURN was";
            String insideWas = session.run(set, java.util.Map.of("id", inside, "name", "Quenbryxel")).single().get("was")
                    .asString();
            String outsideWas = session.run(set, java.util.Map.of("id", outside, "name", "Vorthandiq")).single()
                    .get("was").asString();
            try {
                String runId = runId();
                assertThat(run(sample, "district-001", PreflightSettings.defaults(KEY), runId).status())
                        .isEqualTo(CheckStatus.PASSED);
                TokenDictionary hashes = new TokenDictionary(KEY);
                assertThat(Files.readAllLines(dictionary(runId)))
                        .contains(hashes.hmac(TokenDictionary.canonical("Quenbryxel")))
                        .doesNotContain(hashes.hmac(TokenDictionary.canonical("Vorthandiq")));
            } finally {
                session.run(set, java.util.Map.of("id", inside, "name", insideWas)).consume();
                session.run(set, java.util.Map.of("id", outside, "name", outsideWas)).consume();
            }
        }
    }

    /**
     * With four sessions per store the graph closure and the relational dictionary each read in sessions of their
     * own beside the preflight's; with two the dictionary waits for the graph closure's; with one everything runs
     * one after the other, in the snapshot's sessions. All three give the same result and dictionary.
     */
    @Test
    void theGraphClosureBesideTheRelationalFieldsGivesWhatItGivesAfterThem() throws Exception {
        String beside = runId();
        PreflightResult first = run(sample, "district-002", PreflightSettings.defaults(KEY), beside);
        String inLine = runId();
        PreflightResult second = runWithCap(1, inLine);
        String twoSessions = runId();
        PreflightResult third = runWithCap(2, twoSessions);

        assertThat(List.of(first.status(), second.status(), third.status())).containsOnly(CheckStatus.PASSED);
        assertThat(first.fieldsClassified()).isEqualTo(second.fieldsClassified()).isEqualTo(third.fieldsClassified());
        List<String> tokens = Files.readAllLines(dictionary(beside));
        assertThat(tokens).hasSizeGreaterThan(1000).isEqualTo(Files.readAllLines(dictionary(inLine)))
                .isEqualTo(Files.readAllLines(dictionary(twoSessions)));
        assertThat(LOGGED).anyMatch(l -> l.contains(": PASSED") && l.contains(beside)
                && l.contains("waiting for the relational dictionary"));
        // the sp store's closure was computed (its time is in the log line), and its labels classified
        assertThat(LOGGED).anyMatch(l -> l.contains(": PASSED") && l.contains(beside) && l.contains("graph sp"));
    }

    private static PreflightResult runWithCap(int sessionsPerStore, String runId) {
        PlannedRuns plans = plans(sessionsPerStore);
        try {
            return new ProdPreflight(staging, PreflightSettings.defaults(KEY), plans)
                    .run(new PreflightRequest(runId, "district-002", sample.specHash(), 1), sample);
        } finally {
            plans.closeAll(java.time.Duration.ZERO);
        }
    }

    /** The planted personal columns, JSON values and free text of the sample estate. */
    static Stream<Arguments> plantedPersonalFields() throws Exception {
        PreflightEstate e = estate;
        List<Arguments> out = new ArrayList<>();
        for (JsonNode p : e.json("planted.json").get("planted")) {
            String kind = p.get("kind").asText();
            if (kind.equals("unique-personal-column") || kind.equals("personal-data-jsonb")
                    || kind.equals("personal-data-free-text")) {
                for (JsonNode c : p.get("columns")) {
                    out.add(Arguments.of(kind, p.get("store").asText(), p.get("table").asText(), c.asText()));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}.{2}.{3}")
    @MethodSource("plantedPersonalFields")
    void withoutTheRulesForAPlantedPersonalFieldTheRunFailsNamingExactlyIt(String kind, String store, String table,
            String column) {
        String prefix = store + "." + table + "." + column;
        List<AnonymizeRule> kept = new ArrayList<>();
        List<AnonymizeRule> removed = new ArrayList<>();
        for (AnonymizeRule r : sample.spec().anonymize().rules()) {
            (prefix.equals(r.column()) ? removed : kept).add(r);
        }
        assertThat(removed).as("the spec has rules for " + prefix).isNotEmpty();
        List<Finding> expected = removed.stream().map(r -> new Finding(store, table,
                r.path() == null ? column : column + "->'" + r.path() + "'", Problem.UNRULED_PERSONAL_FIELD, r.type()))
                .sorted(PreflightAnalysis.FINDING_ORDER).toList();

        String runId = runId();
        PreflightResult result = run(PreflightEstate.withRules(sample, kept), "district-003", PreflightSettings.defaults(KEY),
                runId);

        assertThat(result.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(result.failure()).isNull();
        assertThat(result.findings()).containsExactlyElementsOf(expected);
        assertThat(dictionary(runId)).as("no dictionary when the preflight fails").doesNotExist();
    }

    @Test
    void withEnforcementOffAnUnruledFieldIsOnlyLoggedAndTheRunPasses() {
        List<AnonymizeRule> kept = sample.spec().anonymize().rules().stream()
                .filter(r -> !"ids.public.person.email".equals(r.column())).toList();
        String runId = runId();
        int before = LOGGED.size();
        PreflightResult result = run(PreflightEstate.withRules(sample, kept), "district-002",
                PreflightSettings.defaults(KEY).withEnforce(false), runId);

        assertThat(result.status()).isEqualTo(CheckStatus.PASSED);
        assertThat(result.findings()).isEmpty();
        assertThat(dictionary(runId)).exists();
        assertThat(new ArrayList<>(LOGGED.subList(before, LOGGED.size())))
                .anyMatch(l -> l.contains("ids.public.person.email") && l.contains("{column: ids.public.person.email, type: person.email}"));
    }

    @Test
    void aProdValueInsideAReservedRangeFailsTheRun() {
        LoadedSpec tiny = PreflightEstate.load(estate.tinyDir);
        String runId = runId();
        PreflightResult result = run(tiny, "d2", PreflightSettings.defaults(KEY), runId);

        assertThat(result.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(result.findings()).containsExactly(
                new Finding("tiny", "public.person", "contact->'$.email'", Problem.VALUE_IN_RESERVED_RANGE, null),
                new Finding("tiny", "public.person", "email", Problem.VALUE_IN_RESERVED_RANGE, null),
                new Finding("tiny", "public.person", "phone", Problem.VALUE_IN_RESERVED_RANGE, null),
                new Finding("tiny", "public.person", "state_id", Problem.VALUE_IN_RESERVED_RANGE, null));
        assertThat(dictionary(runId)).doesNotExist();

        // With enforcement off a reserved-range value still fails; an unruled JSON leaf is reported once enforced.
        assertThat(run(tiny, "d1", PreflightSettings.defaults(KEY).withEnforce(false), runId()).status())
                .isEqualTo(CheckStatus.FAILED);
        List<AnonymizeRule> withoutContact = tiny.spec().anonymize().rules().stream()
                .filter(r -> r.path() == null).toList();
        assertThat(run(PreflightEstate.withRules(tiny, withoutContact), "d1").findings())
                .contains(new Finding("tiny", "public.person", "contact->'$.email'", Problem.UNRULED_PERSONAL_FIELD,
                        "person.email"))
                .doesNotContain(new Finding("tiny", "public.person", "contact->'$.email'",
                        Problem.VALUE_IN_RESERVED_RANGE, null));
    }

    @Test
    void aDistrictThatDoesNotExistOrAStoreThatDoesNotAnswerCannotBePreflighted() throws Exception {
        LoadedSpec tiny = PreflightEstate.load(estate.tinyDir);
        assertThatThrownBy(() -> run(tiny, "d9")).isInstanceOfSatisfying(ExtractionFailure.class, e -> {
            assertThat(e.failure().kind()).isEqualTo(Failure.Kind.FATAL);
            assertThat(e.failure().code()).isEqualTo("UNKNOWN_DISTRICT");
        });

        Path down = root.resolve("down");
        Files.createDirectories(down);
        Files.copy(estate.tinyDir.resolve("ferry.yaml"), down.resolve("ferry.yaml"));
        Files.writeString(down.resolve("estate.properties"), Files.readString(estate.tinyDir.resolve("estate.properties"))
                .replaceAll("127\\.0\\.0\\.1:\\d+", "127.0.0.1:1"));
        assertThatThrownBy(() -> run(PreflightEstate.load(down), "d1")).isInstanceOfSatisfying(ExtractionFailure.class,
                e -> {
                    assertThat(e.failure().kind()).isEqualTo(Failure.Kind.TRANSIENT);
                    assertThat(e.failure().code()).isEqualTo("PROD_UNREACHABLE");
                });
    }

    @Test
    void pagilaWithoutRulesIsFlaggedOnItsPersonalColumnsAndPassesWithItsSpec() {
        Assumptions.assumeTrue(estate.pagila, Datasets.missingMessage());
        LoadedSpec pagila = PreflightEstate.load(estate.pagilaDir);

        PreflightResult bare = run(PreflightEstate.withRules(pagila, List.of()), "1");
        assertThat(bare.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(bare.findings()).allMatch(f -> f.problem() == Problem.UNRULED_PERSONAL_FIELD)
                .extracting(f -> f.table() + "." + f.field() + " " + f.ruleToAdd())
                .contains("public.customer.email person.email", "public.customer.first_name person.first_name",
                        "public.customer.last_name person.last_name", "public.address.phone person.phone",
                        "public.address.address address.street", "public.address.address2 address.street",
                        "public.address.postal_code address.postal_code", "public.staff.first_name person.first_name",
                        "public.staff.last_name person.last_name", "public.staff.email person.email",
                        "public.staff.username person.username")
                .doesNotContain("public.city.city address.city", "public.country.country -");
        assertThat(bare.findings()).noneMatch(f -> f.table().equals("public.film") || f.table().equals("public.language")
                || f.table().equals("public.category"));

        PreflightResult ruled = run(pagila, "1");
        assertThat(ruled.findings()).isEmpty();
        assertThat(ruled.status()).isEqualTo(CheckStatus.PASSED);
    }

    @Test
    void noLogLineCarriesAHoneytoken() throws Exception {
        run(sample, "district-001");
        List<String> logged = new ArrayList<>(LOGGED);
        assertThat(logged).isNotEmpty();
        for (JsonNode h : estate.json("honeytokens.json").get("honeytokens")) {
            String value = h.get("value").asText();
            assertThat(logged).as("log lines vs a honeytoken of " + h.get("table").asText())
                    .noneMatch(l -> l.contains(value));
        }
    }
}

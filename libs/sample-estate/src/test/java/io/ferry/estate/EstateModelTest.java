package io.ferry.estate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.estate.graph.GraphModel;
import io.ferry.estate.graph.GraphSink;
import io.ferry.estate.model.DistrictModel;
import io.ferry.estate.model.Entities;
import io.ferry.estate.model.World;
import io.ferry.estate.postgres.PgWriter;
import io.ferry.estate.tables.TableDef;
import io.ferry.estate.tables.Tables;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EstateModelTest {
    static final Instant AS_OF = Instant.parse("2025-03-14T12:00:00Z");

    static EstateOptions options(Preset p, long seed) {
        return new EstateOptions(p, seed, AS_OF, null);
    }

    /** md5 of every table's COPY text and of the graph's sorted contents. */
    static Map<String, String> fingerprint(World w) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        for (List<TableDef> ts : Tables.all().values()) {
            for (TableDef t : ts) {
                out.put(t.store() + "." + t.table(), md5(PgWriter.text(t, w)));
            }
        }
        List<String> graph = new ArrayList<>();
        GraphModel.emit(w, new GraphSink() {
            @Override
            public void node(String label, int district, Map<String, Object> props) {
                graph.add(label + props);
            }

            @Override
            public void rel(String type, int district, String fl, String fk, Object fv, String tl, String tk, Object tv,
                            Map<String, Object> props) {
                graph.add(type + fv + "->" + tv + props);
            }
        });
        graph.sort(null);
        out.put("sp", md5(String.join("\n", graph)));
        return out;
    }

    static String md5(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Test
    void sameSeedAndAsOfGiveTheSameWorldAndOtherSeedsDoNot() throws Exception {
        Map<String, String> a = fingerprint(SampleEstate.prodWorld(options(Preset.SMALL, 42)));
        Map<String, String> b = fingerprint(SampleEstate.prodWorld(options(Preset.SMALL, 42)));
        Map<String, String> c = fingerprint(SampleEstate.prodWorld(options(Preset.SMALL, 43)));
        assertThat(a).isEqualTo(b);
        assertThat(a.size()).isGreaterThan(20);
        for (String table : List.of("ids.public.person", "ids.public.user_account", "hcp1.public.enrollment",
                "hcp2.public.submission", "adb.public.event", "sp")) {
            assertThat(c.get(table)).as(table).isNotEqualTo(a.get(table));
        }
        assertThat(fingerprint(SampleEstate.certWorld(options(Preset.SMALL, 42))))
                .isEqualTo(fingerprint(SampleEstate.certWorld(options(Preset.SMALL, 42))));
    }

    @Test
    void presetsHaveTheirSizes() {
        EstateReport small = SampleEstate.describe(options(Preset.SMALL, 7));
        print(small);
        assertThat(small.districts()).hasSize(3);
        assertThat(small.totalRows()).isBetween(25_000L, 40_000L);
        EstateReport medium = SampleEstate.describe(options(Preset.MEDIUM, 7));
        print(medium);
        assertThat(medium.districts()).hasSize(6);
        assertThat(medium.totalRows()).isBetween(130_000L, 175_000L);
        assertThat(medium.rank(1).rows()).isBetween(33_000L, 47_000L);
        for (EstateReport r : List.of(small, medium)) {
            for (DistrictSummary d : r.districts()) {
                assertThat(d.code()).isEqualTo(String.format("district-%03d", d.rank()));
            }
        }
    }

    @Test
    void largeDistrictOneHasTheQuotedFootprint() {
        EstateReport large = SampleEstate.describe(options(Preset.LARGE, 7));
        print(large);
        assertThat(large.districts()).hasSize(12);
        DistrictSummary d1 = large.rank(1);
        assertThat(d1.code()).isEqualTo("district-001");
        assertThat(d1.students()).isEqualTo(75_000);
        assertThat(d1.staff()).isEqualTo(8_000);
        assertThat(d1.schools()).isEqualTo(150);
        assertThat(d1.rowsPerStore().get("ids")).isBetween(225_000L, 275_000L);
        assertThat(d1.rowsPerStore().get("hcp1")).isBetween(160_000L, 200_000L);
        assertThat(d1.rowsPerStore().get("hcp2")).isBetween(105_000L, 135_000L);
        assertThat(d1.rowsPerStore().get("adb")).isBetween(180_000L, 220_000L);
        assertThat(d1.rowsPerStore().get("sp")).isBetween(90_000L, 110_000L);
        assertThat(d1.rows()).isBetween(800_000L, 900_000L);
    }

    static void print(EstateReport r) {
        System.out.println(r.options().preset() + " total " + r.totalRows() + " " + r.prodRowsPerStore());
        for (DistrictSummary d : r.districts()) {
            System.out.println("  " + d.code() + " rank " + d.rank() + " rows " + d.rows() + " " + d.rowsPerStore()
                    + " students " + d.students() + " staff " + d.staff() + " schools " + d.schools());
        }
    }

    @Test
    void uniquePersonalColumnsAreUnique() {
        for (Preset p : List.of(Preset.SMALL, Preset.MEDIUM)) {
            World w = SampleEstate.prodWorld(options(p, 11));
            Set<String> emails = new HashSet<>();
            Set<String> stateIds = new HashSet<>();
            Set<String> usernames = new HashSet<>();
            Set<String> accountEmails = new HashSet<>();
            Set<String> uuids = new HashSet<>();
            for (DistrictModel d : w.districts) {
                for (Entities.Person x : d.persons) {
                    assertThat(emails.add(x.email)).as(x.email).isTrue();
                    assertThat(uuids.add(x.uuid.toString())).isTrue();
                    if (x.stateId != null) {
                        assertThat(stateIds.add(x.stateId)).as(x.stateId).isTrue();
                    }
                    assertThat(x.email).doesNotContain("example.").doesNotContain(".invalid").doesNotContain(".test");
                    assertThat(x.phone).doesNotContainPattern("\\) 555-01\\d\\d");
                }
                for (Entities.Account a : d.accounts) {
                    assertThat(usernames.add(a.username())).as(a.username()).isTrue();
                    assertThat(accountEmails.add(a.email())).isTrue();
                }
            }
        }
    }

    @Test
    void honeytokensSitInAllFourPlaces() throws Exception {
        World w = SampleEstate.prodWorld(options(Preset.SMALL, 5));
        List<Honeytoken> hts = PlantedCatalog.honeytokens(w);
        Set<String> emails = new HashSet<>();
        for (Honeytoken h : hts) {
            if (h.column().equals("email") && h.store().equals("ids")) {
                emails.add(h.value());
            }
        }
        assertThat(emails).hasSizeGreaterThanOrEqualTo(3);
        String person = PgWriter.text(Tables.find("ids", "public.person"), w);
        String account = PgWriter.text(Tables.find("ids", "public.user_account"), w);
        String submission = PgWriter.text(Tables.find("hcp2", "public.submission"), w);
        String event = PgWriter.text(Tables.find("adb", "public.event"), w);
        List<String> graphEmails = new ArrayList<>();
        GraphModel.emit(w, new GraphSink() {
            @Override
            public void node(String label, int district, Map<String, Object> props) {
                if (label.equals("Person")) {
                    graphEmails.add((String) props.get("email"));
                }
            }

            @Override
            public void rel(String t, int d, String fl, String fk, Object fv, String tl, String tk, Object tv, Map<String, Object> p) {
            }
        });
        for (Honeytoken h : hts) {
            String v = h.value();
            switch (h.store()) {
                case "ids" -> assertThat(h.table().equals("public.person") ? person : account).contains(v);
                case "hcp2" -> assertThat(submission).contains(v);
                case "adb" -> assertThat(event).contains(v);
                case "sp" -> assertThat(h.column().equals("email") ? graphEmails.contains(v) : true).isTrue();
                default -> throw new AssertionError(h.store());
            }
        }
        for (String e : emails) {
            assertThat(person.split(java.util.regex.Pattern.quote(e), -1)).hasSize(2);
            assertThat(submission).contains(e);
            assertThat(event).contains(e);
            assertThat(graphEmails).contains(e);
        }
        // the honeytokens are in district-001, district-002 and the lowest-ranked district
        assertThat(w.plants.honeytokens()).extracting(World.HoneytokenPerson::district).containsExactly(0, 1, 2);
    }

    @Test
    void everyPlantedFeatureIsPresentWhateverTheSeed() {
        for (long seed = 1; seed <= 4; seed++) {
            EstateReport r = SampleEstate.describe(options(Preset.SMALL, seed));
            for (Planted p : r.planted()) {
                assertThat(p.count()).as(seed + " " + p).isPositive();
                assertThat(p.keys().isEmpty() || p.keys().size() == p.count()).isTrue();
            }
            String lowest = r.districts().get(r.districts().size() - 1).code();
            assertThat(r.planted()).filteredOn(p -> List.of("cert-check-violation", "cert-varchar-overflow",
                    "dangling-cross-store-reference").contains(p.kind())).hasSize(3).allMatch(p -> p.district().equals(lowest));
            assertThat(r.planted()).filteredOn(p -> p.kind().equals("orphan")).extracting(Planted::district)
                    .contains("district-001", "district-002", lowest);
            World w = SampleEstate.prodWorld(options(Preset.SMALL, seed));
            for (DistrictModel d : w.districts) {
                assertThat(d.schools).anyMatch(s -> s.parentLocal() >= 0);
                assertThat(d.principals).contains(-1);
            }
        }
    }

    @Test
    void everyPlantedFeatureIsPresentWhateverTheDate() {
        for (String asOf : List.of("2025-01-02T00:00:00Z", "2025-07-01T00:00:00Z", "2026-09-01T00:00:00Z",
                "2025-09-15T08:00:00Z", "2025-12-31T23:59:59Z")) {
            EstateReport r = SampleEstate.describe(new EstateOptions(Preset.SMALL, 3, Instant.parse(asOf), null));
            for (Planted p : r.planted()) {
                assertThat(p.count()).as(asOf + " " + p).isPositive();
            }
        }
    }

    @Test
    void presetParsingIsCaseInsensitiveAndListsChoices() {
        assertThat(Preset.parse("Small")).isEqualTo(Preset.SMALL);
        assertThat(Preset.parse("LARGE")).isEqualTo(Preset.LARGE);
        assertThatThrownBy(() -> Preset.parse("huge")).hasMessageContaining("small, medium, large");
    }

    @Test
    void everyCrossStoreLinkIsInTheSpec() {
        String yaml = SampleEstate.ferryYaml();
        for (PlantedCatalog.Link l : PlantedCatalog.LINKS) {
            String from = l.fromStore().equals("sp") ? "sp:" + l.fromTable() + "(" + l.fromColumn() + ")"
                    : l.fromStore() + "." + l.fromTable() + "(" + l.fromColumn() + ")";
            assertThat(yaml).as(from).contains(from);
        }
    }
}

package io.ferry.anonymize.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import net.datafaker.Faker;
import org.junit.jupiter.api.Test;

/**
 * Recall on the sample estate's planted free text and JSON ({@code text/planted.tsv}, written from the
 * generator's templates and honeytokens: libs/sample-estate is not a dependency of this module, so the anonymizer
 * service's integration test has to check recall again on a generated estate).
 */
class PlantedTextTest {

    record Row(String name, String kind, Set<String> ruled, String input, List<String> dictionary, List<String> vanish,
               ScrubCounts expected) {
    }

    static List<Row> rows() throws IOException {
        List<Row> rows = new ArrayList<>();
        try (InputStream in = PlantedTextTest.class.getResourceAsStream("/text/planted.tsv");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] c = line.split("\t", -1);
                assertThat(c).as(line).hasSize(7);
                Set<String> ruled = c[2].equals("-") ? Set.of() : Set.of(c[2].split(","));
                long[] counts = new long[PiiKind.values().length];
                for (String kv : c[6].split(";")) {
                    String[] p = kv.split("=");
                    counts[PiiKind.valueOf(p[0].toUpperCase(Locale.ROOT)).ordinal()] = Long.parseLong(p[1]);
                }
                rows.add(new Row(c[0], c[1], ruled, c[3], Arrays.asList(c[4].split("\\|")), Arrays.asList(c[5].split("\\|")),
                        ScrubCounts.of(counts)));
            }
        }
        return rows;
    }

    private static ScrubResult scrub(TextScrubber s, Row row) {
        return row.kind.equals("json") ? s.scrubJson(row.input, row.ruled) : s.scrub(row.input);
    }

    /** Every row with a dictionary of its own person: every planted value vanishes, with the expected counts. */
    @Test
    void everyPlantedValueIsReplaced() throws IOException {
        List<Row> rows = rows();
        assertThat(rows).hasSizeGreaterThanOrEqualTo(30);
        int values = 0;
        for (Row row : rows) {
            TestDictionary d = new TestDictionary();
            row.dictionary.forEach(d::entry);
            ScrubResult r = scrub(d.scrubber(), row);
            for (String v : row.vanish) {
                assertThat(TextScrubberTest.absent(r.text(), v)).as("%s: %s in %s", row.name, v, r.text()).isTrue();
                values++;
            }
            assertThat(r.counts()).as(row.name + ": " + r.text()).isEqualTo(row.expected);
        }
        System.out.printf(Locale.ROOT, "planted.tsv: %d rows, %d planted values, recall 100%%%n", rows.size(), values);
    }

    /**
     * The same rows against a district-sized dictionary: every row's people plus all of Datafaker's English names
     * (the sample estate draws its names from those lists, so a large district holds most of them, including names
     * that are ordinary words: In, An, So, See, Will, May, ...). Recall stays 100 % and the template's own words
     * are not touched: the counts are still exactly the planted ones.
     */
    @Test
    void recallAndNoExtraReplacementsWithADistrictSizedDictionary() throws IOException {
        List<Row> rows = rows();
        TestDictionary d = new TestDictionary();
        for (Row row : rows) {
            row.dictionary.forEach(d::entry);
        }
        Faker faker = new Faker(Locale.US);
        Set<String> english = new TreeSet<>();
        for (String key : List.of("name.female_first_name", "name.male_first_name", "name.last_name")) {
            List<?> names = faker.fakeValuesService().fetchObject(key, faker.getContext());
            for (Object n : names) {
                english.add((String) n);
                d.name((String) n);
            }
        }
        assertThat(english).hasSizeGreaterThan(5000).contains("In", "An", "So", "See", "Will", "May");
        TextScrubber s = d.scrubber();
        for (Row row : rows) {
            ScrubResult r = scrub(s, row);
            for (String v : row.vanish) {
                assertThat(TextScrubberTest.absent(r.text(), v)).as("%s: %s in %s", row.name, v, r.text()).isTrue();
            }
            assertThat(r.counts()).as(row.name + ": " + r.text()).isEqualTo(row.expected);
        }
    }
}

package io.ferry.anonymize.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import net.datafaker.Faker;
import org.junit.jupiter.api.Test;

/**
 * Recall, false positives and speed on 10,000 generated teacher comments with known positions: names of a
 * 3,000-person district (Datafaker's English lists, as the sample estate's), emails, phones in every supported
 * format, SSNs, state ids and usernames, mixed with distractors (dates, prices, ISBNs, ZIP+4, versions, times,
 * invalid SSNs and phones, order numbers, IP addresses, authors' names, prose full of words that are also names).
 */
class CorpusTest {

    static final int COMMENTS = 10_000;

    /** A planted value or a distractor: {@code [start, end)} of the comment. */
    record Span(int start, int end, String kind, boolean personal, String value) {
    }

    record Comment(String text, List<Span> spans) {
    }

    record Person(String first, String last, String email, String stateId, String username, String phone) {
    }

    /** Builds a comment from literal text and slots, recording the slots' positions. */
    static final class Builder {
        final StringBuilder sb = new StringBuilder();
        final List<Span> spans = new ArrayList<>();

        Builder text(String s) {
            sb.append(s);
            return this;
        }

        Builder pii(String kind, String value) {
            spans.add(new Span(sb.length(), sb.length() + value.length(), kind, true, value));
            sb.append(value);
            return this;
        }

        Builder decoy(String kind, String value) {
            spans.add(new Span(sb.length(), sb.length() + value.length(), kind, false, value));
            sb.append(value);
            return this;
        }

        Comment build() {
            return new Comment(sb.toString(), List.copyOf(spans));
        }
    }

    static final String[] AUTHORS = {"Shakespeare", "Steinbeck", "Hemingway", "Orwell", "Tolkien", "Angelou", "Twain",
        "Bradbury", "Salinger", "Vonnegut", "Achebe", "Dostoevsky", "Cervantes", "Homer"};
    static final String[] BOOKS = {"Hamlet", "Macbeth", "Beowulf", "Frankenstein", "Dracula", "Odyssey", "Walden"};
    static final String[] COURSES = {"Algebra II", "Biology", "World History", "English 10", "Chemistry", "Spanish I"};
    static final String[] WEEKDAYS = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday"};
    static final String[] CITIES = {"Salem", "Eugene", "Bend", "Tacoma", "Boulder", "Duluth"};
    static final int[] AREAS = {503, 541, 971, 206, 253, 360, 425, 509, 303, 719, 720, 970, 612, 651, 763, 952};
    static final String[] DOMAINS = {"gmail.com", "yahoo.com", "outlook.com", "hotmail.com", "icloud.com", "comcast.net"};

    /** The district: people whose names come from Datafaker's English lists, and the dictionary the preflight would write. */
    static final class District {
        final List<Person> people = new ArrayList<>();
        final TestDictionary dictionary = new TestDictionary();

        District(long seed, int size) {
            SplittableRandom r = new SplittableRandom(seed);
            Faker faker = new Faker(Locale.US);
            List<String> female = list(faker, "name.female_first_name");
            List<String> male = list(faker, "name.male_first_name");
            List<String> last = list(faker, "name.last_name");
            for (int i = 0; i < size; i++) {
                String first = r.nextBoolean() ? female.get(r.nextInt(female.size())) : male.get(r.nextInt(male.size()));
                String surname = last.get(r.nextInt(last.size()));
                if (r.nextInt(20) == 0) {
                    surname = surname + "-" + last.get(r.nextInt(last.size()));
                }
                String tag = String.format(Locale.ROOT, "%07d", r.nextInt(10_000_000));
                String letters = (first + surname).toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
                String email = first.toLowerCase(Locale.ROOT) + "." + surname.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "") + tag
                        + (r.nextBoolean() ? "@students.salem.k12.or.us" : "@" + DOMAINS[r.nextInt(DOMAINS.length)]);
                String stateId = (1 + r.nextInt(9)) + String.format(Locale.ROOT, "%09d", r.nextLong(1_000_000_000L));
                String username = letters.charAt(0) + surname.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "") + tag;
                Person p = new Person(first, surname, email, stateId, username, phone(r));
                people.add(p);
                dictionary.name(first).name(surname).email(email).id(stateId).id(username);
            }
        }

        private static List<String> list(Faker faker, String key) {
            List<?> values = faker.fakeValuesService().fetchObject(key, faker.getContext());
            return values.stream().map(String.class::cast).toList();
        }
    }

    static String phone(SplittableRandom r) {
        int area = AREAS[r.nextInt(AREAS.length)];
        int exchange;
        do {
            exchange = 201 + r.nextInt(799);
        } while (exchange == 555 || exchange % 100 == 11);
        return String.format(Locale.ROOT, "(%d) %03d-%04d", area, exchange, r.nextInt(10_000));
    }

    /** The guardian's phone written as teachers write it. */
    static String phoneFormat(String canonical, SplittableRandom r) {
        String d = canonical.replaceAll("\\D", "");
        String a = d.substring(0, 3);
        String e = d.substring(3, 6);
        String l = d.substring(6);
        int f = r.nextInt(100);
        if (f < 50) {
            return canonical;
        } else if (f < 70) {
            return a + "-" + e + "-" + l;
        } else if (f < 80) {
            return a + "." + e + "." + l;
        } else if (f < 90) {
            return "+1 " + a + " " + e + " " + l;
        } else {
            return "1-" + a + "-" + e + "-" + l;
        }
    }

    static String ssn(SplittableRandom r) {
        int area;
        do {
            area = 1 + r.nextInt(899);
        } while (area == 666);
        return String.format(Locale.ROOT, "%03d-%02d-%04d", area, 1 + r.nextInt(99), 1 + r.nextInt(9999));
    }

    static String badSsn(SplittableRandom r) {
        return switch (r.nextInt(5)) {
            case 0 -> String.format(Locale.ROOT, "000-%02d-%04d", 1 + r.nextInt(99), 1 + r.nextInt(9999));
            case 1 -> String.format(Locale.ROOT, "666-%02d-%04d", 1 + r.nextInt(99), 1 + r.nextInt(9999));
            case 2 -> String.format(Locale.ROOT, "9%02d-%02d-%04d", r.nextInt(100), 1 + r.nextInt(99), 1 + r.nextInt(9999));
            case 3 -> String.format(Locale.ROOT, "%03d-00-%04d", 1 + r.nextInt(665), 1 + r.nextInt(9999));
            default -> String.format(Locale.ROOT, "%03d-%02d-0000", 1 + r.nextInt(665), 1 + r.nextInt(99));
        };
    }

    static String pick(SplittableRandom r, String[] a) {
        return a[r.nextInt(a.length)];
    }

    /** A possessive: Thea's (and, now and then, Thea’s). */
    static Builder possessive(Builder b, SplittableRandom r, String first) {
        return b.pii("name", first).text(r.nextInt(5) == 0 ? "\u2019s" : "'s");
    }

    static void full(Builder b, Person p) {
        b.pii("name", p.first).text(" ");
        String[] parts = p.last.split("-");
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                b.text("-");
            }
            b.pii("name", parts[i]);
        }
    }

    static void piiSentence(Builder b, SplittableRandom r, District d) {
        Person p = d.people.get(r.nextInt(d.people.size()));
        Person g = d.people.get(r.nextInt(d.people.size()));
        String phone = phoneFormat(g.phone, r);
        switch (r.nextInt(16)) {
            case 0 -> b.text("Great work, ").pii("name", p.first).text("! Your explanation of each step was clear.");
            case 1 -> b.pii("name", p.first).text(", please show your work next time so I can give partial credit.");
            case 2 -> {
                full(b, p);
                b.text(" was absent for the review; spoke with guardian at ").pii("phone", phone).text(" about makeup work.");
            }
            case 3 -> possessive(b.text("Left a voicemail for "), r, p.first).text(" family at ").pii("phone", phone)
                    .text(" regarding the missing pages.");
            case 4 -> b.pii("name", p.first).text(" emailed from ").pii("email", p.email).text(" asking for an extension; call back at ")
                    .pii("phone", phone).text(" before ").decoy("weekday", pick(r, WEEKDAYS)).text(".");
            case 5 -> {
                b.text("Parent ");
                full(b, g);
                possessive(b.text(" (").pii("email", g.email).text(") asked about "), r, p.first).text(" grade in ")
                        .decoy("course", pick(r, COURSES)).text(".");
            }
            case 6 -> {
                b.text("Records show SSN ").pii("ssn", r.nextBoolean() ? ssn(r) : ssn(r).replace('-', ' ')).text(" for ");
                full(b, p);
                b.text("; please verify with the office.");
            }
            case 7 -> {
                b.text("State id ").pii("id", p.stateId).text(" belongs to ");
                full(b, p);
                b.text(", login ").pii("id", p.username).text(".");
            }
            case 8 -> b.pii("name", p.last.split("-")[0].toUpperCase(Locale.ROOT)).text(", ").pii("name", p.first.toUpperCase(Locale.ROOT))
                    .text(": missing ").decoy("number", Integer.toString(2 + r.nextInt(9))).text(" assignments.");
            case 9 -> b.text("Met with the ").pii("name", p.last.split("-")[0]).text("s about attendance.");
            case 10 -> possessive(b.text("Note from "), r, p.first.toLowerCase(Locale.ROOT)).text(" mom: she will be late on ")
                    .decoy("date", date(r)).text(".");
            case 11 -> b.text("Reach ").pii("name", p.first).text(" at ").pii("phone", g.phone.replaceAll("\\D", ""))
                    .text(" (cell) or ").pii("email", p.email).text(".");
            case 12 -> {
                Person q = d.people.get(r.nextInt(d.people.size()));
                full(b, p);
                b.text(" and ");
                full(b, q);
                b.text(" worked together on the lab.");
            }
            case 13 -> b.text("International contact for ").pii("name", p.first).text(": ")
                    .pii("phone", String.format(Locale.ROOT, "+44 20 %04d %04d", r.nextInt(10_000), r.nextInt(10_000))).text(".");
            case 14 -> {
                b.text("Emergency contact ");
                full(b, g);
                b.text(", ").pii("phone", phone).text(".");
            }
            default -> b.text("Ask ").pii("name", p.first).text(" to resubmit through the ").pii("id", p.username).text(" account.");
        }
    }

    static String date(SplittableRandom r) {
        return switch (r.nextInt(3)) {
            case 0 -> String.format(Locale.ROOT, "2025-%02d-%02d", 1 + r.nextInt(12), 1 + r.nextInt(28));
            case 1 -> String.format(Locale.ROOT, "%02d/%02d/2025", 1 + r.nextInt(12), 1 + r.nextInt(28));
            default -> String.format(Locale.ROOT, "%02d.%02d.2025", 1 + r.nextInt(28), 1 + r.nextInt(12));
        };
    }

    static void decoySentence(Builder b, SplittableRandom r, District d) {
        switch (r.nextInt(16)) {
            case 0 -> b.text("The field trip is on ").decoy("date", date(r)).text(" at ")
                    .decoy("time", String.format(Locale.ROOT, "%d:%02d", 7 + r.nextInt(6), r.nextInt(60))).text("; the bus costs ")
                    .decoy("price", String.format(Locale.ROOT, "$%d.%02d", 5 + r.nextInt(40), r.nextInt(100))).text(".");
            case 1 -> b.text("Read chapter ").decoy("number", Integer.toString(1 + r.nextInt(30))).text(" of the textbook (ISBN ")
                    .decoy("isbn", String.format(Locale.ROOT, "978-0-%03d-%05d-%d", r.nextInt(1000), r.nextInt(100_000), r.nextInt(10)))
                    .text(").");
            case 2 -> b.text("Mail the form to ").decoy("city", pick(r, CITIES)).text(" OR ")
                    .decoy("zip4", String.format(Locale.ROOT, "97%03d-%04d", r.nextInt(1000), r.nextInt(10_000))).text(".");
            case 3 -> b.text("The portal was updated to version ")
                    .decoy("version", String.format(Locale.ROOT, "%d.%d.%d", 1 + r.nextInt(9), r.nextInt(20), r.nextInt(40))).text(".");
            case 4 -> b.text("Scores: ").decoy("score", String.format(Locale.ROOT, "%d/100", 40 + r.nextInt(61)))
                    .text(", class average ").decoy("percent", String.format(Locale.ROOT, "%d.%d%%", 60 + r.nextInt(40), r.nextInt(10))).text(".");
            case 5 -> b.text("Order number ").decoy("order", String.format(Locale.ROOT, "%d%09d", 2 + r.nextInt(8), r.nextInt(1_000_000_000)))
                    .text(" has shipped to room ").decoy("room", Integer.toString(100 + r.nextInt(300))).text(".");
            case 6 -> b.text("The sample form shows ").decoy("bad-ssn", badSsn(r)).text(" as an example number.");
            case 7 -> b.text("The old directory listed ")
                    .decoy("bad-phone", String.format(Locale.ROOT, "%d-%03d-%04d", 100 + r.nextInt(100), 200 + r.nextInt(800), r.nextInt(10_000)))
                    .text(", which is not in service.");
            case 8 -> {
                String author;
                do {
                    author = pick(r, AUTHORS);
                } while (d.dictionary.containsToken(author.toLowerCase(Locale.ROOT)));
                b.text("We read ").decoy("author", author).text(" and discussed ").decoy("book", pick(r, BOOKS)).text(" in class.");
            }
            case 9 -> b.text("I will see you in class; hope you may join the study group so we can review.");
            case 10 -> b.text("In the lab we measured ").decoy("number", Integer.toString(3 + r.nextInt(40))).text(" samples at ")
                    .decoy("time", String.format(Locale.ROOT, "%d:%02d", 8 + r.nextInt(7), r.nextInt(60))).text(".");
            case 11 -> b.text("See the rubric: ").decoy("number", Integer.toString(r.nextInt(11))).text(" points for clarity and ")
                    .decoy("number", Integer.toString(r.nextInt(11))).text(" for evidence.");
            case 12 -> b.text("Please bring the permission slip by ").decoy("weekday", pick(r, WEEKDAYS))
                    .text("; it will be a long day, so pack a little lunch.");
            case 13 -> b.text("The quiz server at ").decoy("ip", String.format(Locale.ROOT, "10.%d.%d.%d", r.nextInt(256), r.nextInt(256),
                    1 + r.nextInt(254))).text(" was down during ").decoy("course", pick(r, COURSES)).text(".");
            case 14 -> b.text("Grades for Quarter ").decoy("number", Integer.toString(1 + r.nextInt(4))).text(" are posted; an average of ")
                    .decoy("price", String.format(Locale.ROOT, "%d.%d", 2 + r.nextInt(2), r.nextInt(10))).text(" GPA is on track.");
            default -> b.text("Payment of ").decoy("price", String.format(Locale.ROOT, "$%,d.%02d", 100 + r.nextInt(5000), r.nextInt(100)))
                    .text(" received, invoice ").decoy("invoice", String.format(Locale.ROOT, "INV-2025-%04d", r.nextInt(10_000))).text(".");
        }
    }

    static List<Comment> corpus(District d, long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Comment> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Builder b = new Builder();
            int sentences = 1 + r.nextInt(3);
            boolean pii = false;
            for (int s = 0; s < sentences; s++) {
                if (s > 0) {
                    b.text(" ");
                }
                if (r.nextInt(100) < 55 || (!pii && s == sentences - 1 && r.nextInt(3) > 0)) {
                    piiSentence(b, r, d);
                    pii = true;
                } else {
                    decoySentence(b, r, d);
                }
            }
            out.add(b.build());
        }
        return out;
    }

    @Test
    void recallFalsePositivesAndSpeedOnTenThousandComments() {
        District district = new District(7L, 3000);
        List<Comment> corpus = corpus(district, 11L, COMMENTS);
        TextScrubber scrubber = district.dictionary.scrubber();

        Map<String, int[]> planted = new TreeMap<>(); // kind -> {planted, found}
        Map<String, int[]> decoys = new TreeMap<>(); // kind -> {planted, touched}
        Map<String, Integer> falseWords = new TreeMap<>();
        Map<PiiKind, Integer> findingsByKind = new EnumMap<>(PiiKind.class);
        int findings = 0;
        int falsePositives = 0;
        int leaks = 0;
        List<String> missed = new ArrayList<>();
        for (Comment c : corpus) {
            List<Finding> fs = scrubber.findings(c.text);
            String out = scrubber.scrub(c.text).text();
            findings += fs.size();
            for (Finding f : fs) {
                findingsByKind.merge(f.kind(), 1, Integer::sum);
                boolean personal = c.spans.stream().anyMatch(s -> s.personal && s.start < f.end() && f.start() < s.end);
                if (!personal) {
                    falsePositives++;
                    falseWords.merge(c.text.substring(f.start(), f.end()), 1, Integer::sum);
                }
            }
            for (Span s : c.spans) {
                if (s.personal) {
                    int[] k = planted.computeIfAbsent(s.kind, x -> new int[2]);
                    k[0]++;
                    if (covered(c.text, s, fs)) {
                        k[1]++;
                    } else if (missed.size() < 20) {
                        missed.add(s.kind + " '" + s.value + "' in: " + c.text);
                    }
                    if (!TextScrubberTest.absent(out, s.value)) {
                        leaks++;
                    }
                } else {
                    int[] k = decoys.computeIfAbsent(s.kind, x -> new int[2]);
                    k[0]++;
                    if (fs.stream().anyMatch(f -> s.start < f.end() && f.start() < s.end)) {
                        k[1]++;
                    }
                }
            }
        }
        int plantedTotal = planted.values().stream().mapToInt(k -> k[0]).sum();
        int foundTotal = planted.values().stream().mapToInt(k -> k[1]).sum();
        int decoyTotal = decoys.values().stream().mapToInt(k -> k[0]).sum();
        int decoysTouched = decoys.values().stream().mapToInt(k -> k[1]).sum();
        double recall = (double) foundTotal / plantedTotal;
        double falseRate = (double) falsePositives / findings;

        // speed: scrub the whole corpus three more times, after the pass above warmed the JIT; the best pass
        // counts (the build machine is shared, so the others measure its load as much as the scrubber)
        double seconds = Double.MAX_VALUE;
        long replaced = 0;
        List<String> passes = new ArrayList<>();
        for (int pass = 0; pass < 3; pass++) {
            long t0 = System.nanoTime();
            replaced = 0;
            for (Comment c : corpus) {
                replaced += scrubber.scrub(c.text).counts().total();
            }
            double s = (System.nanoTime() - t0) / 1e9;
            passes.add(String.format(Locale.ROOT, "%.3f s", s));
            seconds = Math.min(seconds, s);
        }

        System.out.printf(Locale.ROOT, "corpus: %d comments, %d dictionary hashes, %d planted values, %d decoys%n",
                corpus.size(), district.dictionary.hashes().size(), plantedTotal, decoyTotal);
        planted.forEach((k, v) -> System.out.printf(Locale.ROOT, "  planted %-6s %6d found %6d (%.2f%%)%n", k, v[0], v[1], 100.0 * v[1] / v[0]));
        System.out.printf(Locale.ROOT, "  recall %.4f%% (%d missed), values still in the output %d%n", 100 * recall, plantedTotal - foundTotal, leaks);
        missed.forEach(m -> System.out.println("    missed " + m));
        decoys.forEach((k, v) -> System.out.printf(Locale.ROOT, "  decoy %-9s %6d touched %d%n", k, v[0], v[1]));
        System.out.printf(Locale.ROOT, "  findings %d %s, false positives %d (%.3f%% of findings; %d of %d decoys)%n",
                findings, findingsByKind, falsePositives, 100 * falseRate, decoysTouched, decoyTotal);
        falseWords.forEach((w, n) -> System.out.printf(Locale.ROOT, "    false positive %-16s x%d%n", w, n));
        System.out.printf(Locale.ROOT, "  speed: %d comments in %.3f s = %.0f comments/s (%d replacements), one thread, best of %s%n",
                corpus.size(), seconds, corpus.size() / seconds, replaced, passes);

        assertThat(plantedTotal).isGreaterThan(20_000);
        assertThat(recall).isGreaterThanOrEqualTo(0.99);
        assertThat(leaks).isLessThanOrEqualTo(plantedTotal - foundTotal);
        // a false positive replaces an ordinary word or number by a fake one: harmless for privacy, but it
        // garbles the text; the bound leaves room for names that are also prose words (see docs/scrubbing.md)
        assertThat(falseRate).isLessThan(0.01);
        assertThat((double) decoysTouched / decoyTotal).isLessThan(0.01);
    }

    /**
     * Every letter and digit of the planted value lies inside a finding, except one-letter parts (the O of
     * O'Connell): the preflight's dictionary leaves tokens shorter than two characters out.
     */
    static boolean covered(String text, Span s, List<Finding> fs) {
        for (int i = s.start; i < s.end; i++) {
            if (!Character.isLetterOrDigit(text.charAt(i))) {
                continue;
            }
            boolean alone = (i == s.start || !Character.isLetterOrDigit(text.charAt(i - 1)))
                    && (i + 1 == s.end || !Character.isLetterOrDigit(text.charAt(i + 1)));
            if (alone) {
                continue;
            }
            int at = i;
            if (fs.stream().noneMatch(f -> f.start() <= at && at < f.end())) {
                return false;
            }
        }
        return true;
    }
}

package io.ferry.anonymize.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Throughput of {@link Anonymizer}: values per second for names, emails, phones, dates, uuids ({@code fpe: hex}, two
 * FF1 runs a value) and state ids, on one thread and on two,
 * each the median of three timed runs after a warm-up run. Two workloads:
 * <ul>
 * <li><b>distinct</b>: every value once (the cache never hits): the cost of the strategies themselves;</li>
 * <li><b>district</b>: values repeat as in a district's tables: 300,000 people, each appearing about three times
 *     (enrollments, accounts, events), first names from 3,000 and last names from 20,000 (skewed), so the
 *     per-thread cache hits.</li>
 * </ul>
 * And rows of five personal fields (first name, last name, email, phone, birth date shifted per person) from the
 * district workload. Runs only under {@code -Psoak}:
 * {@code ./mvnw -B -o -q -pl libs/anonymize -am verify -Psoak -Dit.test=AnonymizerSoakIT}.
 */
class AnonymizerSoakIT {

    private static final int N = 600_000;
    private static final int PEOPLE = 200_000;
    private static final List<String> REPORT = new ArrayList<>();

    private static Anonymizer anonymizer;

    @BeforeAll
    static void setUp() {
        anonymizer = Fixtures.anonymizer();
        REPORT.add(String.format(Locale.ROOT, "%-30s %14s %14s", "workload", "1 thread /s", "2 threads /s"));
    }

    @AfterAll
    static void print() {
        System.out.println();
        System.out.println("Anonymizer throughput (values per second, median of 3; "
                + Runtime.getRuntime().availableProcessors() + " cores, load average "
                + String.format(Locale.ROOT, "%.1f", java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                        .getSystemLoadAverage()) + ")");
        REPORT.forEach(System.out::println);
        System.out.println();
    }

    @Test
    void singleFields() {
        SplittableRandom random = new SplittableRandom(11);
        String[] firstPool = new String[3_000];
        String[] lastPool = new String[20_000];
        for (int i = 0; i < firstPool.length; i++) {
            firstPool[i] = capitalize(Inputs.firstName(i));
        }
        for (int i = 0; i < lastPool.length; i++) {
            lastPool[i] = "Lastname" + Integer.toString(i, 36);
        }
        String[] people = new String[PEOPLE];
        String[] phones = new String[PEOPLE];
        for (int p = 0; p < PEOPLE; p++) {
            people[p] = Inputs.email(p);
            phones[p] = Inputs.phone(random);
        }

        // distinct: every value once
        String[] distinctFirst = new String[N];
        String[] distinctEmail = new String[N];
        String[] distinctPhone = new String[N];
        String[] dates = new String[N];
        String[] entities = new String[N];
        String[] distinctUuid = new String[N];
        String[] distinctStateId = new String[N];
        SplittableRandom uuids = new SplittableRandom(13); // apart, so the other workloads draw as they did
        for (int i = 0; i < N; i++) {
            distinctUuid[i] = new java.util.UUID(uuids.nextLong(), uuids.nextLong()).toString();
            distinctStateId[i] = Inputs.stateId(i);
            distinctFirst[i] = capitalize(Inputs.firstName(i));
            distinctEmail[i] = Inputs.email(i);
            distinctPhone[i] = String.format(Locale.ROOT, "(%d) %03d-%04d", 201 + i % 700, 201 + i / 10_000 % 700, i % 10_000);
            dates[i] = String.format(Locale.ROOT, "%04d-%02d-%02d", 1950 + random.nextInt(60), 1 + random.nextInt(12),
                    1 + random.nextInt(28));
            entities[i] = Integer.toString(i);
        }
        measure("first name, distinct", rule("person.first_name"), distinctFirst, null);
        measure("email, distinct", rule("person.email"), distinctEmail, null);
        measure("phone, distinct", rule("person.phone"), distinctPhone, null);
        measure("birth date, distinct entity", rule("person.birth_date"), dates, entities);
        measure("uuid, distinct", rule("person.uuid"), distinctUuid, null);
        measure("state id, distinct", rule("student.state_id"), distinctStateId, null);

        // district: skewed repetition
        String[] first = new String[N];
        String[] last = new String[N];
        String[] email = new String[N];
        String[] phone = new String[N];
        String[] personIds = new String[N];
        for (int i = 0; i < N; i++) {
            first[i] = firstPool[skewed(random, firstPool.length)];
            last[i] = lastPool[skewed(random, lastPool.length)];
            int person = random.nextInt(PEOPLE);
            email[i] = people[person];
            phone[i] = phones[person];
            personIds[i] = Integer.toString(person);
        }
        measure("first name, district", rule("person.first_name"), first, null);
        measure("last name, district", rule("person.last_name"), last, null);
        measure("email, district", rule("person.email"), email, null);
        measure("phone, district", rule("person.phone"), phone, null);
        measure("birth date, district", rule("person.birth_date"), dates, personIds);

        // rows of five fields
        FieldRule[] rules = {rule("person.first_name"), rule("person.last_name"), rule("person.email"),
                rule("person.phone"), rule("person.birth_date")};
        String[][] columns = {first, last, email, phone, dates};
        double[] rowsPerSecond = new double[2];
        for (int threads = 1; threads <= 2; threads++) {
            int t = threads;
            rowsPerSecond[threads - 1] = median(() -> run(t, (from, to) -> {
                for (int i = from; i < to; i++) {
                    for (int c = 0; c < rules.length; c++) {
                        consume(anonymizer.apply(rules[c], columns[c][i], personIds[i]));
                    }
                }
            }));
        }
        REPORT.add(String.format(Locale.ROOT, "%-30s %,14.0f %,14.0f", "rows of 5 fields, district",
                rowsPerSecond[0], rowsPerSecond[1]));
        REPORT.add(String.format(Locale.ROOT, "%-30s %,14.0f %,14.0f", "  = field values",
                rowsPerSecond[0] * 5, rowsPerSecond[1] * 5));
        assertThat(rowsPerSecond[0]).isPositive();
    }

    private static FieldRule rule(String type) {
        return FieldRule.of(type, null);
    }

    private static void measure(String name, FieldRule rule, String[] values, String[] entities) {
        double[] perSecond = new double[2];
        for (int threads = 1; threads <= 2; threads++) {
            int t = threads;
            perSecond[threads - 1] = median(() -> run(t, (from, to) -> {
                for (int i = from; i < to; i++) {
                    consume(anonymizer.apply(rule, values[i], entities == null ? null : entities[i]));
                }
            }));
        }
        REPORT.add(String.format(Locale.ROOT, "%-30s %,14.0f %,14.0f", name, perSecond[0], perSecond[1]));
    }

    interface Slice {
        void run(int from, int to);
    }

    interface Timed {
        double perSecond();
    }

    /** Items per second over N items split between the threads. */
    private static double run(int threads, Slice slice) {
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            long start = System.nanoTime();
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int from = N / threads * t;
                int to = t == threads - 1 ? N : N / threads * (t + 1);
                futures.add(pool.submit(() -> slice.run(from, to)));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            return N / ((System.nanoTime() - start) / 1e9);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** One warm-up run, then the median of three. */
    private static double median(Timed timed) {
        timed.perSecond();
        double[] runs = {timed.perSecond(), timed.perSecond(), timed.perSecond()};
        Arrays.sort(runs);
        return runs[1];
    }

    private static int sink;

    private static void consume(String s) {
        sink += s == null ? 0 : s.length();
    }

    /** Indexes skewed towards the start, like names in a population. */
    private static int skewed(SplittableRandom random, int size) {
        double u = random.nextDouble();
        return (int) Math.min(size - 1, Math.floor(size * u * u * u));
    }

    private static String capitalize(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}

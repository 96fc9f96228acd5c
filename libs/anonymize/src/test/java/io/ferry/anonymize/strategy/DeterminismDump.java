package io.ferry.anonymize.strategy;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints, one per line, the value of every allow-listed Datafaker provider for 1,000 seeds and the output of every
 * default rule for 1,000 inputs, under {@link Fixtures#KEY}. {@code FakeProviderDeterminismTest} runs this main in
 * a second JVM (another default locale, time zone and charset) and compares its lines with its own.
 */
public final class DeterminismDump {

    static final int PER_PROVIDER = 1_000;
    static final int PER_TYPE = 1_000;

    private DeterminismDump() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        lines().forEach(out::println);
        out.flush();
    }

    static List<String> lines() {
        List<String> lines = new ArrayList<>();
        FakerPool fakers = new FakerPool();
        KeyedHash seeds = new KeyedHash(Fixtures.KEY, "determinism-test");
        for (FakeProvider provider : FakeProvider.values()) {
            for (int i = 0; i < PER_PROVIDER; i++) {
                long seed = seeds.seed(provider.specName(), 0, Integer.toString(i));
                lines.add(provider.specName() + "\t" + i + "\t" + fakers.generate(provider, seed));
            }
        }
        Anonymizer anonymizer = new Anonymizer(Fixtures.KEY);
        for (DataType type : DataType.known()) {
            if (type.equals(DataType.FREE_TEXT)) {
                continue;
            }
            FieldRule rule = FieldRule.of(type);
            for (int i = 0; i < PER_TYPE; i++) {
                String input = input(type, i);
                lines.add(type.name() + "\t" + input + "\t" + anonymizer.apply(rule, input, "entity-" + i % 97));
            }
        }
        return lines;
    }

    /** The i-th test input of a type. */
    static String input(DataType type, int i) {
        if (type.equals(DataType.EMAIL)) {
            return Inputs.email(i);
        }
        if (type.equals(DataType.USERNAME)) {
            return Inputs.username(i);
        }
        if (type.equals(DataType.STATE_ID)) {
            return i % 2 == 0 ? Inputs.stateId(i) : Inputs.alphanumericId(i);
        }
        if (type.equals(DataType.PHONE)) {
            return String.format("(%03d) %03d-%04d", 201 + i % 700, 300 + i % 600, i);
        }
        if (type.equals(DataType.BIRTH_DATE)) {
            return String.format("%04d-%02d-%02d", 1950 + i % 60, 1 + i % 12, 1 + i % 28);
        }
        if (type.equals(DataType.SSN)) {
            return String.format("%03d-%02d-%04d", 100 + i % 800, 10 + i % 90, i);
        }
        if (type.equals(DataType.IP)) {
            return i % 3 == 0 ? "fe80::" + Integer.toHexString(i) : "10." + i / 256 % 256 + "." + i % 256 + ".7";
        }
        if (type.equals(DataType.UUID)) {
            return String.format("%08x-1b4e-4f6a-9c8d-%012x", i * 2654435761L & 0xFFFFFFFFL, (long) i * 7919);
        }
        if (type.equals(DataType.PASSWORD_HASH)) {
            return String.format("\\x%064x", (long) i * 104729);
        }
        if (type.equals(DataType.POSTAL_CODE)) {
            return String.format("%05d", i * 37 % 100_000);
        }
        return Inputs.firstName(i) + (type.equals(DataType.FULL_NAME) ? " Okonkwo-Reyes" : "");
    }
}

package io.ferry.service.warmup;

import io.ferry.batches.BatchColumn;
import io.ferry.spec.model.AnonymizeRule;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Made-up people for the services' warm-ups at start (the extractor's and the anonymizer's): a table shaped like a person table of a school district (names, birth
 * date, email, phone, state id, uuid, a JSON contact with unruled free text, username, password hash, IP address and
 * a free-text comment) and the rules of every data type the sample estate's spec uses. Names are built from
 * syllables by a seeded random source, so the rows are the same in every JVM and belong to nobody.
 */
public final class SyntheticPeople {

    public static final String STORE = "warmup";
    public static final String TABLE = "person";
    private static final String PREFIX = STORE + ".public." + TABLE + ".";

    private static final String[] SYLLABLES = {"ka", "ro", "len", "mi", "tor", "sa", "vin", "dre", "ol", "ne", "bar",
        "tes", "ul", "mar", "ci", "do", "fen", "gra", "hal", "is"};
    private static final String[] CITIES = {"Alder Bay", "Brookmere", "Cold Spring", "Dunmore", "Eastvale"};

    private SyntheticPeople() {
    }

    public static List<BatchColumn> columns() {
        return List.of(new BatchColumn("id", "bigint"), new BatchColumn("kind", "text"),
                new BatchColumn("first_name", "text"), new BatchColumn("last_name", "text"),
                new BatchColumn("birth_date", "date"), new BatchColumn("email", "text"),
                new BatchColumn("phone", "text"), new BatchColumn("state_id", "text"),
                new BatchColumn("person_uuid", "uuid"), new BatchColumn("contact_info", "jsonb"),
                new BatchColumn("username", "text"), new BatchColumn("password_hash", "text"),
                new BatchColumn("last_login_ip", "inet"), new BatchColumn("comment", "text"));
    }

    public static List<AnonymizeRule> rules() {
        return List.of(rule("first_name", null, "person.first_name", null),
                rule("last_name", null, "person.last_name", null),
                rule("birth_date", null, "person.birth_date", "date-shift"),
                rule("email", null, "person.email", null),
                rule("phone", null, "person.phone", null),
                rule("state_id", null, "student.state_id", null),
                rule("person_uuid", null, "person.uuid", null),
                rule("contact_info", "$.address.line1", "address.street", null),
                rule("contact_info", "$.address.city", "address.city", null),
                rule("contact_info", "$.address.postalCode", "address.postal_code", null),
                rule("contact_info", "$.emergencyContact.name", "person.full_name", null),
                rule("contact_info", "$.emergencyContact.phone", "person.phone", null),
                rule("username", null, "person.username", null),
                rule("password_hash", null, "secret.password_hash", null),
                rule("last_login_ip", null, "network.ip", null),
                rule("comment", null, "text.free", "redact-entities"));
    }

    private static AnonymizeRule rule(String column, String path, String type, String strategy) {
        return new AnonymizeRule(PREFIX + column, null, path, type, strategy, strategy == null ? null : PREFIX + "id");
    }

    /** {@code count} rows from {@code firstId} on; the same arguments give the same rows. */
    public static List<String[]> rows(long firstId, int count) {
        Random random = new Random(firstId);
        List<String[]> rows = new ArrayList<>(count);
        for (long id = firstId; id < firstId + count; id++) {
            String first = name(random);
            String last = name(random);
            // exchange 200-499: never 555, whose 0100-0199 lines are the reserved range of generated phones
            String phone = String.format("(%03d) %03d-%04d", 200 + random.nextInt(700), 200 + random.nextInt(300),
                    random.nextInt(10_000));
            // every other email as long as a student's (first.last42@students.<district>.k12.<state>.us): their
            // unique codes take FF1's long-half path, which the run's emails need compiled too
            String email = (first + "." + last).toLowerCase() + random.nextInt(100)
                    + (id % 2 == 0 ? "@mail.test" : "@students.springfield-unified.k12.or.test");
            String contact = "{\"address\": {\"line1\": \"" + (1 + random.nextInt(999)) + " " + name(random)
                    + " Street\", \"city\": \"" + CITIES[random.nextInt(CITIES.length)] + "\", \"postalCode\": \""
                    + String.format("%05d", random.nextInt(100_000)) + "\"}, \"emergencyContact\": {\"name\": \""
                    + name(random) + " " + last + "\", \"phone\": \"" + phone + "\"}, \"notes\": \"call " + first
                    + " at " + phone + " after school\", \"preferred\": " + random.nextBoolean() + "}";
            String comment = random.nextInt(3) == 0 ? null : first + " " + last + " handed in the work late; write to "
                    + email + " or call " + phone + ". Ref " + String.format("%03d-%02d-%04d", 100 + random.nextInt(
                    600), 10 + random.nextInt(89), 1000 + random.nextInt(9000)) + ".";
            rows.add(new String[] {Long.toString(id), random.nextInt(4) == 0 ? "staff" : "student", first, last,
                LocalDate.of(1990, 1, 1).plusDays(random.nextInt(9000)).toString(), email, phone,
                String.format("S%09d", random.nextInt(1_000_000_000)), new UUID(random.nextLong(), random.nextLong())
                        .toString(), contact, (first.charAt(0) + last).toLowerCase() + random.nextInt(1000),
                "$2a$10$" + Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong()),
                "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256), comment});
        }
        return rows;
    }

    /** A capitalised name of two or three syllables. */
    public static String name(Random random) {
        StringBuilder b = new StringBuilder();
        for (int i = 2 + random.nextInt(2); i > 0; i--) {
            b.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
        }
        return capitalised(b);
    }

    /** Every name {@link #name} can give. */
    public static List<String> allNames() {
        List<String> names = new ArrayList<>();
        for (String a : SYLLABLES) {
            for (String b : SYLLABLES) {
                names.add(capitalised(new StringBuilder(a).append(b)));
                for (String c : SYLLABLES) {
                    names.add(capitalised(new StringBuilder(a).append(b).append(c)));
                }
            }
        }
        return names;
    }

    private static String capitalised(StringBuilder b) {
        b.setCharAt(0, Character.toUpperCase(b.charAt(0)));
        return b.toString();
    }
}

package io.ferry.anonymize.classify;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Decides whether a field looks personal, and as which {@link DataType}, from three signals: its name
 * (with the table, the JSON keys above it and the column holding them as context), its declared type,
 * and sampled values. Pure: no I/O, no logging; the reason names the signal that fired and counts, never
 * a sampled value.
 *
 * <p>The heuristics, in order (docs/preflight.md lists them with examples):
 * <ol>
 * <li>Names: {@code ssn}, state student ids, birth dates, then (unless the name ends in a word that makes
 *     it metadata or a reference: {@code _id}, {@code _at}, {@code _type}, {@code _count}, {@code _verified}, ...)
 *     emails, phones, usernames, IP addresses, first/last/full names, street/city/postal code, and free text
 *     ({@code comment}, {@code note}, {@code remark}, ...).</li>
 * <li>Context: a bare {@code name} is a person's only in a person table ({@code person}, {@code customer},
 *     {@code staff}, ...) or under a person key in JSON ({@code emergencyContact.name}); in a table of
 *     things or organisations ({@code school}, {@code district}, {@code course}, {@code category}, ...)
 *     names, addresses, phones and IPs are not personal; elsewhere a bare {@code name} is a person's when
 *     at least 80 % of its samples look like person names.</li>
 * <li>Declared types: integers, numerics, booleans, uuids, bytea and timestamps never hold names, emails
 *     or addresses; a birth date needs a date, timestamp or text; {@code inet} reads as an IP address.</li>
 * <li>Values, when the name says nothing: at least half the samples are email addresses, valid SSNs
 *     ({@code ddd-dd-dddd}, area not 000/666/9xx, group not 00, serial not 0000) or phone numbers (with
 *     separators or a leading +); or the samples are sentences (four or more words on average) and one of
 *     them holds an email address, a phone number or an SSN (free text).</li>
 * </ol>
 */
public final class FieldClassifier {

    /** How a field was judged. */
    public enum Signal {
        NAME, VALUES, TYPE, NONE
    }

    /**
     * @param type   the suggested data type, or null when the field does not look personal
     * @param reason which signal fired, with counts; never a value
     */
    public record Verdict(DataType type, Signal signal, String reason) {
        public Verdict {
            Objects.requireNonNull(signal, "signal");
            Objects.requireNonNull(reason, "reason");
        }

        public boolean personal() {
            return type != null;
        }

        static Verdict none(String reason) {
            return new Verdict(null, Signal.NONE, reason);
        }
    }

    /** What a declared type can hold. */
    public enum TypeClass {
        TEXT, INTEGER, NUMERIC, BOOLEAN, DATE, TIMESTAMP, TIME, UUID, BINARY, NETWORK, JSON, ARRAY, OTHER
    }

    /** Whether a field belongs to a person, to a thing (place, organisation, product), or neither says. */
    public enum Context {
        PERSON, THING, NEUTRAL
    }

    /** Tables, labels and JSON keys that hold people. */
    public static final Set<String> PERSON_WORDS = Set.of("person", "people", "user", "account", "customer", "client",
            "employee", "staff", "student", "pupil", "learner", "teacher", "instructor", "faculty", "guardian",
            "parent", "contact", "member", "patient", "actor", "author", "applicant", "candidate", "driver",
            "passenger", "traveler", "subscriber", "profile", "emergency", "family", "household", "recipient",
            "sender", "beneficiary", "resident", "volunteer", "donor", "borrower", "father", "mother", "spouse",
            "child", "kid", "manager", "principal", "counselor", "nurse", "physician", "doctor", "owner",
            "holder", "signer", "witness", "friend", "mentor", "coach", "advisor", "adviser", "attendee");

    /** Tables, labels and JSON keys that hold things, places or organisations, whose names and addresses are public. */
    public static final Set<String> THING_WORDS = Set.of("school", "district", "organization", "organisation", "org",
            "company", "department", "dept", "agency", "vendor", "supplier", "shipper", "carrier", "store", "shop",
            "branch", "office", "campus", "building", "facility", "site", "location", "region", "territory",
            "country", "city", "state", "province", "county", "course", "section", "subject", "category", "product",
            "item", "film", "movie", "language", "grade", "level", "session", "term", "period", "rubric",
            "criterion", "assignment", "gradebook", "report", "lookup", "class", "room", "team", "role", "program",
            "device", "server", "host", "machine", "application", "app", "service", "warehouse", "inventory",
            "tag", "genre", "currency", "unit", "bank", "institution", "vehicle", "ship", "file", "document",
            "project", "task", "template", "metric", "setting", "config", "feature", "plan", "channel",
            "publisher", "brand", "model", "menu", "page", "domain", "network", "browser");

    /** A last word that makes a name metadata or a reference rather than the value itself. */
    private static final Set<String> META_SUFFIXES = Set.of("id", "key", "fk", "pk", "uuid", "guid", "hash",
            "digest", "count", "cnt", "total", "flag", "status", "type", "kind", "verified", "confirmed", "valid",
            "validated", "enabled", "disabled", "optin", "sent", "at", "on", "ts", "timestamp", "time", "format",
            "template", "domain", "provider", "length", "len", "hint", "mask", "policy", "rule", "regex",
            "pattern", "required", "visible", "preference", "pref", "consent", "bounced", "source", "label",
            "subject", "body", "list", "group", "index", "idx", "seq", "version", "checksum", "encrypted",
            "salt", "extension", "ext", "prefix", "suffix", "bounce", "frequency", "locale", "lang");

    private static final Set<String> META_PREFIXES = Set.of("is", "has", "can", "should", "allow", "allowed");

    private static final Set<String> FIRST_QUALIFIERS = Set.of("first", "given", "fore", "christian", "middle",
            "nick", "preferred", "call");
    private static final Set<String> LAST_QUALIFIERS = Set.of("last", "family", "sur", "maiden", "birth");
    private static final Set<String> FULL_QUALIFIERS = Set.of("full", "display", "legal", "complete");
    private static final Set<String> FREE_TEXT_WORDS = Set.of("comment", "note", "remark", "memo", "feedback",
            "message", "narrative", "observation", "bio", "biography", "annotation", "complaint", "explanation",
            "reason", "diary", "journal");
    private static final Set<String> NOT_STREET = Set.of("ip", "email", "mac", "web", "url", "server", "host",
            "wallet", "network", "internet", "mail", "memory", "bitcoin");

    static final double VALUE_SHARE = 0.5;
    static final double NAME_VALUE_SHARE = 0.8;
    static final int FREE_TEXT_WORDS_AVG = 4;

    private FieldClassifier() {
    }

    /**
     * @param samples non-null values of the field as text (may be empty: the name and type alone decide)
     */
    public static Verdict classify(Field field, List<String> samples) {
        List<String> values = samples == null ? List.of() : samples;
        TypeClass type = typeClass(field.kind() == Field.Kind.JSON_PATH ? "json" : field.declaredType());
        List<String> tokens = NameTokens.of(field.leafName());
        Context context = context(field);
        String name = "name '" + field.leafName() + "'";

        Verdict byName = byName(tokens, context, type, name, values);
        if (byName.personal()) {
            return byName;
        }
        if (!isText(type)) {
            if (type == TypeClass.NETWORK && context != Context.THING) {
                return new Verdict(DataType.IP, Signal.TYPE, "declared type " + field.declaredType()
                        + " holds IP addresses");
            }
            return byName.signal() == Signal.TYPE ? byName
                    : Verdict.none(byName.reason() + "; declared type " + field.declaredType() + " holds no personal text");
        }
        Verdict byValues = byValues(values, context);
        return byValues.personal() ? byValues : byName;
    }

    private static Verdict byName(List<String> t, Context context, TypeClass type, String name, List<String> values) {
        if (t.isEmpty()) {
            return Verdict.none("no words in the name");
        }
        String last = t.get(t.size() - 1);
        // Identifiers and birth dates first: their names may end in id, number or date.
        if (t.contains("ssn") || phrase(t, "social", "security")) {
            return fits(DataType.SSN, type, name + " reads as a social security number");
        }
        if ((t.contains("state") && t.contains("student")) || t.contains("ssid") || t.contains("sasid")
                || phrase(t, "statewide", "id")) {
            return fits(DataType.STATE_ID, type, name + " reads as a state student id");
        }
        if (context == Context.PERSON && isText(type) && (t.equals(List.of("state", "id"))
                || t.equals(List.of("state", "id", "number")) || t.equals(List.of("student", "number")))) {
            return fits(DataType.STATE_ID, type, name + " in a person table reads as a state student id");
        }
        if ((t.contains("birth") || t.contains("born")) && t.stream().noneMatch(w -> Set.of("place", "city",
                "country", "state", "location", "certificate", "name", "year", "month", "day", "weight").contains(w))) {
            return fits(DataType.BIRTH_DATE, type, name + " reads as a birth date");
        }
        if (META_SUFFIXES.contains(last) || META_PREFIXES.contains(t.get(0))
                || (last.equals("code") && t.stream().anyMatch(w -> Set.of("country", "area", "dial", "region").contains(w)))) {
            return Verdict.none(name + " ends in '" + (META_PREFIXES.contains(t.get(0)) ? t.get(0) : last)
                    + "': metadata or a reference");
        }
        if (t.contains("email") || (last.equals("mail") && !t.contains("voice") && !t.contains("snail"))) {
            return fits(DataType.EMAIL, type, name + " reads as an email address");
        }
        if (t.contains("phone") || t.contains("mobile") || t.contains("cell") || t.contains("fax")
                || t.contains("whatsapp")) {
            return context == Context.THING ? thing(name) : fits(DataType.PHONE, type, name + " reads as a phone number");
        }
        if (phrase(t, "user", "name") || t.contains("login") || phrase(t, "screen", "name") || t.contains("handle")) {
            return fits(DataType.USERNAME, type, name + " reads as a username");
        }
        if (t.contains("ip")) {
            return context == Context.THING ? thing(name) : fits(DataType.IP, type, name + " reads as an IP address");
        }
        int at = t.lastIndexOf("name");
        if (at >= 0) {
            return personName(t, at, context, type, name, values);
        }
        boolean address = t.contains("address") && t.stream().noneMatch(NOT_STREET::contains);
        if (t.contains("street") || address || (last.equals("line") && context != Context.THING)) {
            return context == Context.THING ? thing(name) : fits(DataType.STREET, type, name + " reads as a street address");
        }
        if (t.contains("city") || t.contains("town")) {
            return context == Context.THING ? thing(name) : fits(DataType.CITY, type, name + " reads as a city");
        }
        if (t.contains("zip") || t.contains("postal")) {
            return context == Context.THING ? thing(name) : fits(DataType.POSTAL_CODE, type, name + " reads as a postal code");
        }
        if (t.stream().anyMatch(FREE_TEXT_WORDS::contains)) {
            return fits(DataType.FREE_TEXT, type, name + " reads as free text");
        }
        return Verdict.none(name + " says nothing personal");
    }

    private static Verdict personName(List<String> t, int at, Context context, TypeClass type, String name,
            List<String> values) {
        List<String> qualifiers = t.subList(0, at);
        if (qualifiers.stream().anyMatch(FIRST_QUALIFIERS::contains)) {
            return fits(DataType.FIRST_NAME, type, name + " reads as a first name");
        }
        if (qualifiers.stream().anyMatch(LAST_QUALIFIERS::contains)) {
            return fits(DataType.LAST_NAME, type, name + " reads as a last name");
        }
        if (qualifiers.stream().anyMatch(FULL_QUALIFIERS::contains)) {
            return fits(DataType.FULL_NAME, type, name + " reads as a full name");
        }
        if (qualifiers.stream().anyMatch(PERSON_WORDS::contains)) {
            return fits(DataType.FULL_NAME, type, name + " reads as a person's name");
        }
        if (!qualifiers.isEmpty()) {
            return Verdict.none(name + " names something other than a person");
        }
        if (context == Context.PERSON) {
            return fits(DataType.FULL_NAME, type, name + " in a person's table or object reads as a person's name");
        }
        if (context == Context.THING) {
            return thing(name);
        }
        if (!isText(type) || values.isEmpty()) {
            return Verdict.none(name + " without a person context or samples");
        }
        long names = values.stream().filter(ValuePatterns::isPersonName).count();
        if (names >= NAME_VALUE_SHARE * values.size()) {
            return new Verdict(DataType.FULL_NAME, Signal.VALUES, name + " and " + names + " of " + values.size()
                    + " samples look like person names");
        }
        return Verdict.none(name + ": " + names + " of " + values.size() + " samples look like person names");
    }

    private static Verdict thing(String name) {
        return Verdict.none(name + " in a table of things or organisations");
    }

    /** The name's type if the declared type can hold it, else a TYPE verdict saying why not. */
    private static Verdict fits(DataType data, TypeClass type, String reason) {
        boolean ok = switch (data) {
            case BIRTH_DATE -> type == TypeClass.DATE || type == TypeClass.TIMESTAMP || isText(type);
            case PHONE, SSN, STATE_ID, POSTAL_CODE -> isText(type) || type == TypeClass.INTEGER
                    || type == TypeClass.NUMERIC;
            case IP -> type == TypeClass.NETWORK || isText(type);
            default -> isText(type);
        };
        return ok ? new Verdict(data, Signal.NAME, reason)
                : new Verdict(null, Signal.TYPE, reason + ", but its declared type cannot hold one");
    }

    private static Verdict byValues(List<String> values, Context context) {
        if (values.isEmpty()) {
            return Verdict.none("no samples");
        }
        int n = values.size();
        long emails = 0;
        long ssns = 0;
        long phones = 0;
        long words = 0;
        boolean embedded = false;
        for (String v : values) {
            if (ValuePatterns.isEmail(v)) {
                emails++;
            } else if (ValuePatterns.isSsn(v)) {
                ssns++;
            } else if (ValuePatterns.isPhone(v)) {
                phones++;
            }
            words += ValuePatterns.words(v);
            if (!embedded && ValuePatterns.words(v) >= 3 && ValuePatterns.containsContactOrId(v)) {
                embedded = true;
            }
        }
        if (emails >= VALUE_SHARE * n) {
            return new Verdict(DataType.EMAIL, Signal.VALUES, emails + " of " + n + " samples are email addresses");
        }
        if (ssns >= VALUE_SHARE * n) {
            return new Verdict(DataType.SSN, Signal.VALUES, ssns + " of " + n + " samples are valid SSNs");
        }
        if (phones >= VALUE_SHARE * n && context != Context.THING) {
            return new Verdict(DataType.PHONE, Signal.VALUES, phones + " of " + n + " samples are phone numbers");
        }
        if (embedded && words >= (long) FREE_TEXT_WORDS_AVG * n) {
            return new Verdict(DataType.FREE_TEXT, Signal.VALUES, "the samples are sentences (" + words / n
                    + " words on average) and some hold an email address, a phone number or an SSN");
        }
        return Verdict.none("none of " + n + " samples looks personal");
    }

    private static boolean phrase(List<String> t, String a, String b) {
        for (int i = 0; i + 1 < t.size(); i++) {
            if (t.get(i).equals(a) && t.get(i + 1).equals(b)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Person or thing, from the nearest word that says: JSON keys above the leaf (nearest first), then the
     * JSON column's name, then the table's or label's name (last word first).
     */
    public static Context context(Field field) {
        List<String> chain = new ArrayList<>();
        for (String parent : field.jsonParents()) {
            chain.addAll(reversed(NameTokens.of(parent)));
        }
        if (field.kind() == Field.Kind.JSON_PATH) {
            chain.addAll(reversed(NameTokens.of(field.name())));
        }
        chain.addAll(reversed(NameTokens.of(field.table().name())));
        for (String word : chain) {
            if (PERSON_WORDS.contains(word)) {
                return Context.PERSON;
            }
            if (THING_WORDS.contains(word)) {
                return Context.THING;
            }
        }
        return Context.NEUTRAL;
    }

    private static List<String> reversed(List<String> words) {
        List<String> copy = new ArrayList<>(words);
        Collections.reverse(copy);
        return copy;
    }

    public static boolean isText(TypeClass type) {
        return type == TypeClass.TEXT || type == TypeClass.JSON || type == TypeClass.OTHER || type == TypeClass.ARRAY;
    }

    /** What a PostgreSQL {@code format_type()} or a Neo4j property type holds. */
    public static TypeClass typeClass(String declared) {
        String d = declared.strip().toLowerCase(Locale.ROOT);
        if (d.contains("|")) {
            // A Neo4j property with several types: text if any of them is.
            TypeClass best = null;
            for (String part : d.split("\\|")) {
                TypeClass c = typeClass(part);
                if (isText(c)) {
                    return c;
                }
                best = best == null ? c : best;
            }
            return best;
        }
        if (d.endsWith("[]")) {
            return isText(typeClass(d.substring(0, d.length() - 2))) ? TypeClass.ARRAY : TypeClass.BINARY;
        }
        if (d.startsWith("list") || (d.endsWith("array") && !d.equals("bytearray"))) {
            // Neo4j lists: LIST<STRING NOT NULL>, StringArray
            String inner = d.startsWith("list") ? d.replaceAll("^list\\s*<?|>$", "").replace("not null", "").strip()
                    : d.substring(0, d.length() - "array".length());
            return inner.isEmpty() || isText(typeClass(inner)) ? TypeClass.ARRAY : TypeClass.BINARY;
        }
        if (d.equals("text") || d.startsWith("character") || d.startsWith("varchar") || d.startsWith("char")
                || d.equals("bpchar") || d.equals("citext") || d.equals("name") || d.equals("string") || d.equals("any")) {
            return TypeClass.TEXT;
        }
        if (Set.of("smallint", "integer", "bigint", "int", "int2", "int4", "int8", "long", "smallserial", "serial",
                "bigserial").contains(d)) {
            return TypeClass.INTEGER;
        }
        if (d.startsWith("numeric") || d.startsWith("decimal") || d.equals("real") || d.equals("double precision")
                || d.equals("double") || d.equals("float") || d.equals("money") || d.startsWith("float")) {
            return TypeClass.NUMERIC;
        }
        if (d.equals("boolean") || d.equals("bool")) {
            return TypeClass.BOOLEAN;
        }
        if (d.equals("date")) {
            return TypeClass.DATE;
        }
        if (d.startsWith("timestamp") || d.contains("datetime")) {
            return TypeClass.TIMESTAMP;
        }
        if (d.startsWith("time") || d.equals("localtime") || d.equals("interval") || d.equals("duration")) {
            return TypeClass.TIME;
        }
        if (d.equals("uuid")) {
            return TypeClass.UUID;
        }
        if (d.equals("bytea") || d.equals("bytearray") || d.equals("bytes")) {
            return TypeClass.BINARY;
        }
        if (d.equals("inet") || d.equals("cidr") || d.startsWith("macaddr")) {
            return TypeClass.NETWORK;
        }
        if (d.equals("json") || d.equals("jsonb")) {
            return TypeClass.JSON;
        }
        if (d.equals("point") || d.equals("tsvector") || d.equals("tsquery") || d.startsWith("geometry")
                || d.startsWith("int4range") || d.endsWith("range") || d.equals("oid") || d.equals("xml")) {
            return TypeClass.BINARY;
        }
        // Enums, domains and other user types: their text may be anything.
        return TypeClass.OTHER;
    }
}

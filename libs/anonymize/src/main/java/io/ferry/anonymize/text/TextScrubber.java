package io.ferry.anonymize.text;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonLocation;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces personal data in free text and in the unruled string leaves of JSON values, consistently and
 * without a stored mapping:
 * <ul>
 * <li>email addresses, by pattern, with a keyed address at {@code example.org};</li>
 * <li>phone numbers (North American formats, bare ten digits only next to a phone word, international with
 *     {@code +}), with keyed numbers of the fictional range {@code 555-0100..0199}, in the input's format;</li>
 * <li>valid SSNs ({@code ddd-dd-dddd}, {@code ddd dd dddd}; nine bare digits only next to an SSN word), with
 *     keyed numbers of area 900-999 and group 10-49, which are never issued;</li>
 * <li>the district's own names and identifiers: every word (and hyphen, apostrophe, dot or underscore part of
 *     a word) is canonicalised and hashed as the preflight's token dictionary was, and a hit is replaced by a
 *     keyed fake name (letters) or a keyed identifier of the same shape (digits).</li>
 * </ul>
 * The same input token gives the same replacement in every call, thread and instance built with the same
 * replacement key and key version (and the same dictionary). Replacements are never the input, and a fake
 * name or identifier is never one of the district's tokens.
 *
 * <p>Pure and thread-safe: no I/O, no logging, no mutable shared state (each thread keeps its own cache of recent
 * plans). Values never appear in exceptions.
 */
public final class TextScrubber {

    /**
     * A word and the parts joined to it by {@code - ' ’ . _}. The repetition is bounded: Java's regular expressions
     * recurse once per repetition of a group, so an unbounded one overflows the stack on a long chain
     * ({@code a-a-a-...}); a longer chain is simply read as several words.
     */
    private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{M}\\p{N}]+(?:[-'\u2019._][\\p{L}\\p{M}\\p{N}]+){0,15}");
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(64 * 1024 * 1024).build())
            .build();

    private final Fakes.Keys keys;
    /** Per thread, the plans of recent texts: planning is a pure function of the text and the keys. */
    private final ThreadLocal<RecentTexts<List<Replacement>>> recent = ThreadLocal.withInitial(RecentTexts::new);

    /**
     * @param dictionaryKey    the preflight's dictionary key ({@code ferry.extractor.dictionary-key}), at least 16 bytes
     * @param dictionaryHashes the lines of {@code {runId}/dictionary/tokens.txt}: hex HMAC-SHA256 of the tokens
     * @param replacementKey   the secret the replacements are keyed with, at least 16 bytes
     * @param keyVersion       the version of {@code replacementKey}; another version gives other replacements
     */
    public TextScrubber(byte[] dictionaryKey, Collection<String> dictionaryHashes, byte[] replacementKey, int keyVersion) {
        this(dictionaryKey, DictionaryHashes.of(Objects.requireNonNull(dictionaryHashes, "dictionaryHashes")),
                replacementKey, keyVersion);
    }

    public TextScrubber(byte[] dictionaryKey, DictionaryHashes dictionary, byte[] replacementKey, int keyVersion) {
        this.keys = new Fakes.Keys(dictionaryKey, Objects.requireNonNull(dictionary, "dictionary"), replacementKey, keyVersion);
        // the name lists are read from Datafaker once per JVM (about half a second): here rather than in a first call
        FakeNames.get();
    }

    /** The scrubbed text and the number of replacements by kind; {@code null} gives {@code null} and no counts. */
    public ScrubResult scrub(String text) {
        return scrub(text, null);
    }

    /**
     * {@link #scrub(String)}, also adding to {@code findings} (when not null) what {@link #findings} would return,
     * from the same plan: a caller that needs both plans the text once.
     */
    public ScrubResult scrub(String text, List<Finding> findings) {
        if (text == null) {
            return new ScrubResult(null, ScrubCounts.ZERO);
        }
        List<Replacement> plan = planned(text, keys.session());
        if (findings != null) {
            for (Replacement r : plan) {
                findings.add(new Finding(r.start, r.end, r.kind));
            }
        }
        long[] counts = new long[PiiKind.values().length];
        String out = apply(text, plan, counts);
        return new ScrubResult(out, ScrubCounts.of(counts));
    }

    /**
     * What {@link #scrub} replaces in {@code text}: positions and kinds, sorted by position, without values.
     * A multi-part word gives one finding per replaced part.
     */
    public List<Finding> findings(String text) {
        List<Finding> out = new ArrayList<>();
        if (text != null) {
            for (Replacement r : planned(text, keys.session())) {
                out.add(new Finding(r.start, r.end, r.kind));
            }
        }
        return out;
    }

    /**
     * Scrubs every string leaf of a JSON value that no ruled path covers (a ruled path covers its own leaf and
     * everything below it; paths as {@code $.actor.email}, {@code $.guardians[*].phone}). Keys, numbers (as
     * written), booleans, nulls, structure and order are kept; whitespace between tokens is not.
     *
     * @throws IllegalArgumentException when {@code json} is not one well-formed JSON value, or a path is malformed
     *                                  (the message gives a position, never content)
     */
    /** A JSON number, as JSON writes it. */
    private static final java.util.regex.Pattern NUMBER =
            java.util.regex.Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

    public ScrubResult scrubJson(String json, Collection<String> ruledPaths) {
        return scrubJson(json, ruledPaths == null ? List.of() : List.copyOf(ruledPaths), null);
    }

    /** Rewrites the JSON leaves a rule covers, for {@link #scrubJson(String, List, RuledLeaves)}. */
    @FunctionalInterface
    public interface RuledLeaves {

        /**
         * @param rule the index, in the ruled paths, of the most specific path covering the leaf
         * @param text the leaf as text (a number as written)
         * @return the leaf's new text (a number stays a number when the text still is one), or null for JSON null
         */
        String rewrite(int rule, String text);
    }

    /**
     * {@link #scrubJson(String, Collection)} in one pass that also rewrites the leaves the ruled paths cover
     * (strings and numbers; booleans and nulls stay): each through {@code ruled}, or kept when it is null.
     * Whatever {@code ruled} throws propagates.
     */
    public ScrubResult scrubJson(String json, List<String> ruledPaths, RuledLeaves ruled) {
        if (json == null) {
            return new ScrubResult(null, ScrubCounts.ZERO);
        }
        List<String[]> rules = new ArrayList<>();
        for (String p : ruledPaths == null ? List.<String>of() : ruledPaths) {
            rules.add(JsonPaths.keys(p.strip()));
        }
        Fakes fakes = keys.session();
        long[] counts = new long[PiiKind.values().length];
        StringWriter w = new StringWriter(json.length() + 16);
        List<String> path = new ArrayList<>();
        try (JsonParser p = JSON.createParser(json);
                JsonGenerator g = JSON.createGenerator(w).setPrettyPrinter(JsonbLayout.INSTANCE)) {
            JsonToken t;
            int depth = 0;
            boolean seenRoot = false;
            while ((t = p.nextToken()) != null) {
                if (depth == 0 && seenRoot) {
                    throw new IllegalArgumentException("more than one JSON value" + at(p.currentTokenLocation()));
                }
                switch (t) {
                    case START_OBJECT -> {
                        g.writeStartObject();
                        path.add("");
                        depth++;
                    }
                    case START_ARRAY -> {
                        g.writeStartArray();
                        path.add(JsonPaths.ANY);
                        depth++;
                    }
                    case END_OBJECT -> {
                        g.writeEndObject();
                        path.remove(path.size() - 1);
                        depth--;
                    }
                    case END_ARRAY -> {
                        g.writeEndArray();
                        path.remove(path.size() - 1);
                        depth--;
                    }
                    case FIELD_NAME -> {
                        g.writeFieldName(p.currentName());
                        path.set(path.size() - 1, p.currentName());
                    }
                    case VALUE_STRING -> {
                        String v = p.getText();
                        int rule = JsonPaths.covering(rules, path);
                        if (rule < 0) {
                            g.writeString(apply(v, planned(v, fakes), counts));
                        } else if (ruled == null) {
                            g.writeString(v);
                        } else {
                            String out = ruled.rewrite(rule, v);
                            if (out == null) {
                                g.writeNull();
                            } else {
                                g.writeString(out);
                            }
                        }
                    }
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                        int rule = ruled == null ? -1 : JsonPaths.covering(rules, path);
                        String out = rule < 0 ? null : ruled.rewrite(rule, p.getText());
                        if (rule < 0) {
                            g.writeNumber(p.getText()); // as the parser read it: a JSON number, no need to match it
                        } else if (out == null) {
                            g.writeNull();
                        } else if (NUMBER.matcher(out).matches()) {
                            g.writeNumber(out);
                        } else {
                            g.writeString(out);
                        }
                    }
                    case VALUE_TRUE -> g.writeBoolean(true);
                    case VALUE_FALSE -> g.writeBoolean(false);
                    case VALUE_NULL -> g.writeNull();
                    default -> throw new IllegalArgumentException("unsupported JSON token" + at(p.currentTokenLocation()));
                }
                seenRoot |= depth == 0;
            }
            if (!seenRoot) {
                throw new IllegalArgumentException("no JSON value");
            }
        } catch (IOException e) {
            // the parser's message quotes the input: give only the position
            JsonLocation l = e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe ? jpe.getLocation() : null;
            throw new IllegalArgumentException("not well-formed JSON" + at(l));
        }
        return new ScrubResult(w.toString(), ScrubCounts.of(counts));
    }

    private static String at(JsonLocation l) {
        return l == null ? "" : " at line " + l.getLineNr() + ", column " + l.getColumnNr();
    }

    // ------------------------------------------------------------------ planning

    /** One replacement: {@code [start, end)} of the input, the text it becomes, and its kind. */
    private record Replacement(int start, int end, String text, PiiKind kind) {
    }

    private List<Replacement> planned(String text, Fakes fakes) {
        RecentTexts<List<Replacement>> plans = recent.get();
        List<Replacement> plan = plans.get(text);
        if (plan == null) {
            plan = plan(text, fakes);
            plans.put(text, plan);
        }
        return plan;
    }

    private static List<Replacement> plan(String text, Fakes fakes) {
        List<Replacement> out = new ArrayList<>();
        if (text.isEmpty()) {
            return out;
        }
        BitSet taken = new BitSet(text.length());
        Set<String> emailWords = new HashSet<>();
        emails(text, fakes, out, taken, emailWords);
        // Every phone and SSN pattern but the international ones (which need a +) has at least 7 ASCII digits.
        int digits = io.ferry.anonymize.strategy.Canonical.digitCount(text);
        phones(text, fakes, out, taken, digits);
        if (digits >= 9) {
            ssns(text, fakes, out, taken);
        }
        tokens(text, fakes, out, taken, emailWords);
        out.sort(Comparator.comparingInt(Replacement::start));
        return List.copyOf(out);
    }

    private static boolean free(BitSet taken, int start, int end) {
        int next = taken.nextSetBit(start);
        return next < 0 || next >= end;
    }

    private static void take(List<Replacement> out, BitSet taken, int start, int end, String text, PiiKind kind) {
        out.add(new Replacement(start, end, text, kind));
        taken.set(start, end);
    }

    /** Emails; the words of their local parts are collected: they show which words of the text are names. */
    private static void emails(String text, Fakes fakes, List<Replacement> out, BitSet taken, Set<String> emailWords) {
        if (text.indexOf('@') < 0) {
            return;
        }
        Matcher m = Patterns.EMAIL.matcher(text);
        while (m.find()) {
            take(out, taken, m.start(), m.end(), fakes.email(m.group()), PiiKind.EMAIL);
            String local = Canonical.word(text.substring(m.start(), text.lastIndexOf('@', m.end() - 1)));
            for (String w : LOCAL_PART_WORDS.split(local)) {
                if (w.length() >= 2) {
                    emailWords.add(w);
                }
            }
        }
    }

    private static final Pattern LOCAL_PART_WORDS = Pattern.compile("[^\\p{L}\\p{M}]+");

    /** @param asciiDigits the text's ASCII digits: a North American number has ten, a local one seven */
    private static void phones(String text, Fakes fakes, List<Replacement> out, BitSet taken, int asciiDigits) {
        if (asciiDigits >= 10) {
            Matcher m = NumberStarts.matcher(Patterns.NANP, text);
            for (int from = 0; NumberStarts.find(m, text, from); from = m.end()) {
                if (Patterns.validNanp(Patterns.area(m), m.group(3)) && free(taken, m.start(), m.end())) {
                    take(out, taken, m.start(), m.end(), nanp(text, m.start(), m.end(), fakes), PiiKind.PHONE);
                }
            }
        }
        if (text.indexOf('+') >= 0) {
            Matcher m = NumberStarts.matcher(Patterns.NANP_E164, text);
            for (int from = 0; NumberStarts.find(m, text, from); from = m.end()) {
                if (Patterns.validNanp(m.group(1), m.group(2)) && free(taken, m.start(), m.end())) {
                    take(out, taken, m.start(), m.end(), nanp(text, m.start(), m.end(), fakes), PiiKind.PHONE);
                }
            }
            m = NumberStarts.matcher(Patterns.INTERNATIONAL, text);
            for (int from = 0; NumberStarts.find(m, text, from); from = m.end()) {
                int end = Patterns.trimInternational(text, m.start(), m.end());
                if (end > 0 && free(taken, m.start(), end)) {
                    take(out, taken, m.start(), end, international(text, m.start(), end, fakes), PiiKind.PHONE);
                }
            }
        }
        if (asciiDigits >= 10) {
            Matcher m = NumberStarts.matcher(Patterns.BARE_PHONE, text);
            for (int from = 0; NumberStarts.find(m, text, from); from = m.end()) {
                if (Patterns.validNanp(m.group(2), m.group(3)) && free(taken, m.start(), m.end())
                        && Patterns.phoneContext(text, m.start(), m.end())) {
                    take(out, taken, m.start(), m.end(), nanp(text, m.start(), m.end(), fakes), PiiKind.PHONE);
                }
            }
        }
        if (asciiDigits >= 7) {
            Matcher m = NumberStarts.matcher(Patterns.LOCAL_PHONE, text);
            for (int from = 0; NumberStarts.find(m, text, from); from = m.end()) {
                if (m.group(1).charAt(0) >= '2' && free(taken, m.start(), m.end())
                        && Patterns.phoneContext(text, m.start(), m.end())) {
                    String digits = digitsOf(text, m.start(), m.end());
                    String fake = fakes.phoneDigits("local:" + digits, null).substring(3);
                    take(out, taken, m.start(), m.end(), replaceDigits(text, m.start(), m.end(), fake), PiiKind.PHONE);
                }
            }
        }
    }

    /** A North American match: its last ten digits become the fake's, a leading country code 1 stays. */
    private static String nanp(String text, int start, int end, Fakes fakes) {
        String digits = digitsOf(text, start, end);
        String national = digits.substring(digits.length() - 10);
        String fake = fakes.phoneDigits("1" + national, national);
        return replaceDigits(text, start, end, digits.substring(0, digits.length() - 10) + fake);
    }

    /**
     * An international number becomes a North American fictional number written internationally
     * ({@code +1 NPA 555 01xx}, with the input's first separator): no fictional range is shared by all
     * countries, and this one is the range generated phones use everywhere.
     */
    private static String international(String text, int start, int end, Fakes fakes) {
        String digits = digitsOf(text, start, end);
        String fake = fakes.phoneDigits("+" + digits, null);
        char sep = 0;
        for (int i = start + 1; i < end; i++) {
            char c = text.charAt(i);
            if (c == ' ' || c == '.' || c == '-') {
                sep = c;
                break;
            }
        }
        if (sep == 0) {
            return "+1" + fake;
        }
        return "+1" + sep + fake.substring(0, 3) + sep + fake.substring(3, 6) + sep + fake.substring(6);
    }

    private static void ssns(String text, Fakes fakes, List<Replacement> out, BitSet taken) {
        Matcher m = NumberStarts.matcher(Patterns.SSN, text);
        for (int from = 0; NumberStarts.find(m, text, from); from = m.end()) {
            if (Patterns.validSsn(m.group(1), m.group(3), m.group(4)) && free(taken, m.start(), m.end())) {
                String digits = m.group(1) + m.group(3) + m.group(4);
                take(out, taken, m.start(), m.end(), replaceDigits(text, m.start(), m.end(), fakes.ssnDigits(digits)), PiiKind.SSN);
            }
        }
        m = NumberStarts.matcher(Patterns.BARE_SSN, text);
        for (int from = 0; NumberStarts.find(m, text, from); from = m.end()) {
            if (Patterns.validSsn(m.group(1), m.group(2), m.group(3)) && free(taken, m.start(), m.end())
                    && Patterns.ssnContext(text, m.start())) {
                take(out, taken, m.start(), m.end(), fakes.ssnDigits(m.group()), PiiKind.SSN);
            }
        }
    }

    private static String digitsOf(String text, int start, int end) {
        StringBuilder sb = new StringBuilder(16);
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** The match with its ASCII digits replaced, in order, by {@code digits} (as many as it has). */
    private static String replaceDigits(String text, int start, int end, String digits) {
        StringBuilder sb = new StringBuilder(end - start);
        int k = 0;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            sb.append(c >= '0' && c <= '9' ? digits.charAt(k++) : c);
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------ dictionary tokens

    /** A dictionary hit on a word, waiting for the common-word rules ({@link CommonWords}). */
    private record Hit(Replacement replacement, int restriction, boolean titled, String canonical) {
    }

    private static final int FREE = 0;
    private static final int FUNCTION_WORD = 1;
    private static final int COMMON_WORD = 2;

    private static void tokens(String text, Fakes fakes, List<Replacement> out, BitSet taken, Set<String> emailWords) {
        List<Hit> hits = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        int from = 0;
        while (from < text.length()) {
            int gapStart = taken.nextClearBit(from);
            if (gapStart >= text.length()) {
                break;
            }
            int gapEnd = taken.nextSetBit(gapStart);
            if (gapEnd < 0) {
                gapEnd = text.length();
            }
            m.region(gapStart, gapEnd);
            while (m.find()) {
                token(text, m.start(), m.end(), fakes, hits);
            }
            from = gapEnd;
        }
        resolve(text, hits, out, emailWords);
    }

    /**
     * Keeps every free hit, and a common-word hit where it reads as a name: written with a capital (function
     * words: and not at the start of a sentence; common words: also in capitals inside mostly lower-case text),
     * or next to another name being replaced (separated by spaces, or by a comma as in {@code HILL, NEVILLE}),
     * or when the same word is part of an email address in the text ({@code Art emailed from art.mayert@...}).
     */
    private static void resolve(String text, List<Hit> hits, List<Replacement> out, Set<String> emailWords) {
        int n = hits.size();
        boolean[] keep = new boolean[n];
        boolean restricted = false;
        int lowerCase = -1;
        for (int i = 0; i < n; i++) {
            Hit h = hits.get(i);
            keep[i] = switch (h.restriction) {
                case FREE -> true;
                case COMMON_WORD -> {
                    if (h.titled) {
                        yield true;
                    }
                    if (lowerCase < 0) {
                        lowerCase = mostlyLowerCase(text) ? 1 : 0;
                    }
                    // a word in capitals inside ordinary text is a name written as on a roster (HILL, NEVILLE)
                    yield lowerCase == 1 && allCapitals(text, h.replacement.start, h.replacement.end);
                }
                default -> h.titled && !sentenceInitial(text, h.replacement.start);
            };
            // the same word in an email address of this text (Art ... art.mayert@...): a name
            keep[i] |= h.canonical != null && emailWords.contains(h.canonical);
            restricted |= !keep[i];
        }
        if (restricted) {
            // a name next to a name: Will Vandermolen, Hope O'Connell (both directions, until nothing changes)
            boolean changed = true;
            while (changed) {
                changed = false;
                for (int i = 0; i < n; i++) {
                    if (!keep[i] && ((i > 0 && keep[i - 1] && adjacentNames(text, hits.get(i - 1), hits.get(i)))
                            || (i + 1 < n && keep[i + 1] && adjacentNames(text, hits.get(i), hits.get(i + 1))))) {
                        keep[i] = true;
                        changed = true;
                    }
                }
            }
        }
        for (int i = 0; i < n; i++) {
            if (keep[i]) {
                out.add(hits.get(i).replacement);
            }
        }
    }

    /**
     * Two name hits side by side, written alike (both capitalised, or both lower-case: {@code will vandermolen}
     * but not {@code Vandermolen will}), separated by spaces, or by a comma when both are capitalised.
     */
    private static boolean adjacentNames(String text, Hit a, Hit b) {
        if (a.replacement.kind != PiiKind.NAME || b.replacement.kind != PiiKind.NAME) {
            return false;
        }
        boolean upperA = Character.isUpperCase(text.codePointAt(a.replacement.start));
        boolean upperB = Character.isUpperCase(text.codePointAt(b.replacement.start));
        if (upperA != upperB) {
            return false;
        }
        int from = a.replacement.end;
        int to = b.replacement.start;
        if (to <= from) {
            return false;
        }
        // the rest of a's word (a possessive 's) may sit before the spaces
        int i = from;
        while (i < to && (text.charAt(i) == '\'' || text.charAt(i) == '\u2019' || text.charAt(i) == 's')) {
            i++;
        }
        if (i == to) {
            return false;
        }
        // LAST, FIRST as on a roster: one comma is allowed
        boolean comma = false;
        for (; i < to; i++) {
            char c = text.charAt(i);
            if (c == ',' && !comma && upperA) {
                comma = true;
            } else if (c != ' ' && c != '\t' && c != '\u00a0') {
                return false;
            }
        }
        return true;
    }

    private static boolean allCapitals(String text, int start, int end) {
        for (int i = start; i < end; i++) {
            if (Character.isLowerCase(text.charAt(i))) {
                return false;
            }
        }
        return end - start > 1;
    }

    /** More lower-case than upper-case letters: ordinary prose, not a text written in capitals. */
    private static boolean mostlyLowerCase(String text) {
        int lower = 0;
        int upper = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isLowerCase(c)) {
                lower++;
            } else if (Character.isUpperCase(c)) {
                upper++;
            }
        }
        return lower > upper;
    }

    /** Whether a word starts a sentence: only spaces, quotes or brackets after the text's start, a line break or . ! ? : ; */
    static boolean sentenceInitial(String text, int start) {
        for (int i = start - 1; i >= 0; i--) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                return true;
            }
            if (Character.isWhitespace(c) || "\"'([{\u201c\u2018\u00ab\u00bf\u00a1*\u2022-\u2013\u2014".indexOf(c) >= 0) {
                continue;
            }
            return ".!?:;".indexOf(c) >= 0;
        }
        return true;
    }

    /** One word, possibly made of parts joined by {@code - ' ’ . _}. */
    private static void token(String text, int start, int end, Fakes fakes, List<Hit> hits) {
        if (end - start < 2) {
            return;
        }
        String tok = text.substring(start, end);
        List<int[]> parts = parts(text, start, end);
        if (parts.size() == 1) {
            part(text, start, end, false, fakes, hits);
            return;
        }
        boolean hasDigit = false;
        for (int i = 0; i < tok.length() && !hasDigit; i++) {
            hasDigit = Character.isDigit(tok.charAt(i));
        }
        String whole = Canonical.word(tok);
        boolean wholeHit = fakes.inDictionary(whole)
                || (whole.indexOf('\u2019') >= 0 && fakes.inDictionary(whole.replace('\u2019', '\'')))
                || (whole.indexOf('\'') >= 0 && fakes.inDictionary(whole.replace('\'', '\u2019')))
                || (hasDigit && fakes.inDictionary(withoutJoiners(whole)));
        if (wholeHit && hasDigit) {
            hits.add(new Hit(new Replacement(start, end, fakes.identifier(tok, whole), PiiKind.ID), FREE, false, null));
            return;
        }
        int before = hits.size();
        for (int[] p : parts) {
            part(text, p[0], p[1], wholeHit, fakes, hits);
        }
        if (wholeHit && hits.size() == before) {
            // only one-letter parts (an initialism such as j.r): keyed letters of the same shape
            hits.add(new Hit(new Replacement(start, end, fakes.identifier(tok, whole), PiiKind.NAME), FREE, false, null));
        }
    }

    /** The word without the characters that join its parts ({@code - ' \u2019 . _}). */
    private static String withoutJoiners(String word) {
        StringBuilder out = new StringBuilder(word.length());
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (!isJoiner(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isJoiner(char c) {
        return c == '-' || c == '\'' || c == '\u2019' || c == '.' || c == '_';
    }

    private static List<int[]> parts(String text, int start, int end) {
        List<int[]> parts = new ArrayList<>(2);
        int s = start;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (isJoiner(c)) {
                parts.add(new int[] {s, i});
                s = i + 1;
            }
        }
        parts.add(new int[] {s, end});
        return parts;
    }

    /**
     * One part of a word: replaced when it is a dictionary token (or when the whole word is and it is a word
     * of letters), or when it is a capitalised word ending in {@code s} whose stem is (a plural or a possessive
     * without apostrophe: {@code the Vandermolens}).
     */
    private static void part(String text, int start, int end, boolean wholeHit, Fakes fakes, List<Hit> hits) {
        if (end - start < 2) {
            return;
        }
        String p = text.substring(start, end);
        String c = Canonical.word(p);
        if (c.length() < 2) {
            return;
        }
        boolean letters = lettersOnly(p);
        if (wholeHit && letters) {
            hits.add(new Hit(new Replacement(start, end, Fakes.shape(fakes.name(c), p), PiiKind.NAME), FREE, false, null));
            return;
        }
        if (fakes.inDictionary(c)) {
            if (letters) {
                int restriction = CommonWords.FUNCTION.contains(c) ? FUNCTION_WORD : CommonWords.COMMON.contains(c) ? COMMON_WORD : FREE;
                hits.add(new Hit(new Replacement(start, end, Fakes.shape(fakes.name(c), p), PiiKind.NAME), restriction, titled(p), c));
            } else {
                hits.add(new Hit(new Replacement(start, end, fakes.identifier(p, c), PiiKind.ID), FREE, false, null));
            }
            return;
        }
        if (letters && p.length() >= 4 && Character.isUpperCase(p.charAt(0)) && (p.endsWith("s") || p.endsWith("S"))) {
            String stem = c.substring(0, c.length() - 1);
            if (!CommonWords.FUNCTION.contains(stem) && fakes.inDictionary(stem)) {
                String shaped = Fakes.shape(fakes.name(stem), p.substring(0, p.length() - 1));
                hits.add(new Hit(new Replacement(start, end - 1, shaped, PiiKind.NAME), FREE, false, null));
            }
        }
    }

    /** A capital first letter and at least one lower-case letter: {@code Will}, {@code McKay}, not {@code WILL}. */
    private static boolean titled(String p) {
        if (!Character.isUpperCase(p.codePointAt(0))) {
            return false;
        }
        for (int i = 1; i < p.length(); i++) {
            if (Character.isLowerCase(p.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static boolean lettersOnly(String s) {
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int type = Character.getType(cp);
            if (!Character.isLetter(cp) && type != Character.NON_SPACING_MARK && type != Character.COMBINING_SPACING_MARK
                    && type != Character.ENCLOSING_MARK) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }

    // ------------------------------------------------------------------ output

    private static String apply(String text, List<Replacement> plan, long[] counts) {
        if (plan.isEmpty()) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length() + 32);
        int at = 0;
        for (Replacement r : plan) {
            sb.append(text, at, r.start).append(r.text);
            at = r.end;
            counts[r.kind.ordinal()]++;
        }
        return sb.append(text, at, text.length()).toString();
    }
}

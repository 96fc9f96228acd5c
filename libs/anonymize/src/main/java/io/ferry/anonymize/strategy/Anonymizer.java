package io.ferry.anonymize.strategy;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

import io.ferry.anonymize.AnonymizationKey;

/**
 * Applies anonymization rules to values with one key: deterministic (the output depends only on the key's secret
 * and version, the data type, the value's canonical form and, for date-shift, the entity key), so the same person
 * gets the same fake values in every table, store and run with that key; nothing of the mapping is ever stored.
 *
 * <pre>
 * Anonymizer anonymizer = new Anonymizer(AnonymizationKey.fromFile(1, keyFile));
 * FieldRule rule = FieldRule.of(specRule);                  // or FieldRule.of("person.email", null)
 * String fake = anonymizer.apply(rule, value, entityKey);  // null stays null
 * </pre>
 *
 * <p>Thread-safe: each thread has its own HMAC, Datafaker and FF1 state and its own small cache of recent values
 * per rule, built on the thread's first use. Run it on a fixed pool of platform threads, not a new virtual thread
 * per batch, or that state is built again every time. Nothing here logs, and no exception carries a value.
 */
public final class Anonymizer {

    /**
     * @param emailDomain the domain of generated emails; reserved (it joins {@link ReservedRanges#EXAMPLE_DOMAIN})
     * @param idPrefix    the prefix of generated state ids and usernames; must match the preflight's
     * @param cacheSize   cached values per rule and thread (0: no cache)
     */
    public record Options(String emailDomain, String idPrefix, int cacheSize) {

        public Options {
            emailDomain = ReservedRanges.domain(Objects.requireNonNull(emailDomain, "emailDomain"));
            if (emailDomain.isEmpty() || emailDomain.indexOf('@') >= 0) {
                throw new IllegalArgumentException("the email domain must be a domain name such as example.org");
            }
            Objects.requireNonNull(idPrefix, "idPrefix");
            if (idPrefix.isBlank()) {
                throw new IllegalArgumentException("the identifier prefix is empty");
            }
            if (cacheSize < 0) {
                throw new IllegalArgumentException("the cache size is negative");
            }
        }

        /** {@code example.org}, {@code F-}, 4096 cached values per rule and thread. */
        public static Options defaults() {
            return new Options(ReservedRanges.EXAMPLE_DOMAIN, ReservedRanges.DEFAULT_ID_PREFIX, 4096);
        }
    }

    private final int keyVersion;
    private final Options options;
    private final ReservedRanges reservedRanges;
    private final FakeValues fakes;
    private final KeyedTransforms keyed;
    private final DateTransforms dates;
    private final ConcurrentHashMap<FieldRule, FieldAnonymizer> compiled = new ConcurrentHashMap<>();

    public Anonymizer(AnonymizationKey key) {
        this(key, Options.defaults());
    }

    public Anonymizer(AnonymizationKey key, Options options) {
        Objects.requireNonNull(key, "key");
        this.options = Objects.requireNonNull(options, "options");
        this.keyVersion = key.version();
        this.reservedRanges = new ReservedRanges(List.of(options.emailDomain()), options.idPrefix());
        Keys keys = new Keys(key);
        this.fakes = new FakeValues(keys, FakerPool.SHARED, options.emailDomain(), reservedRanges.idPrefix(),
                options.cacheSize());
        this.keyed = new KeyedTransforms(keys);
        this.dates = new DateTransforms(keys);
    }

    /**
     * The anonymized form of one value.
     *
     * @param value     a PostgreSQL text value (or JSON leaf, or graph property as text); null gives null
     * @param entityKey the value of the rule's {@code entity} column, for entity-scoped rules ({@code date-shift});
     *                  may be null otherwise
     * @throws IllegalArgumentException for a {@linkplain FieldRule#delegated() delegated} rule (free text)
     * @throws AnonymizationException   when the value does not fit the strategy (a date-shift value that is not a date)
     */
    public String apply(FieldRule rule, String value, String entityKey) {
        return forRule(rule).apply(value, entityKey);
    }

    /** {@link #apply(FieldRule, String, String)} for rules that are not entity-scoped. */
    public String apply(FieldRule rule, String value) {
        return apply(rule, value, null);
    }

    /**
     * The rule bound to this key, for a loop over many values (saves a map lookup per value).
     *
     * @throws IllegalArgumentException for a {@linkplain FieldRule#delegated() delegated} rule (free text)
     */
    public FieldAnonymizer forRule(FieldRule rule) {
        return compiled.computeIfAbsent(Objects.requireNonNull(rule, "rule"), this::compile);
    }

    /** The reserved ranges generated values lie in (the configured email domain and identifier prefix). */
    public ReservedRanges reservedRanges() {
        return reservedRanges;
    }

    /** Whether a value of this type lies in the type's reserved range: {@link ReservedRanges#inReservedRange}. */
    public boolean inReservedRange(DataType type, String value) {
        return reservedRanges.inReservedRange(type, value);
    }

    public int keyVersion() {
        return keyVersion;
    }

    public Options options() {
        return options;
    }

    /** The inverse of an {@code fpe} rule: only with the key, for tests. */
    String fpeDecrypt(FieldRule rule, String value) {
        return keyed.fpeDecrypt(rule, value);
    }

    private FieldAnonymizer compile(FieldRule rule) {
        return switch (rule.strategy()) {
            case NULL -> (value, entity) -> null;
            case CONSTANT -> {
                String constant = rule.argument();
                yield (value, entity) -> value == null ? null : constant;
            }
            case KEEP -> (value, entity) -> value;
            case REDACT -> nonBlank(Masks::redact);
            case SCRUB -> throw new IllegalArgumentException(rule.type().name() + " (" + rule.specString()
                    + ") is free text: the free-text scrubber (io.ferry.anonymize.text) handles it, not Anonymizer");
            case GENERALIZE -> nonBlank(dates.generalize(rule));
            case DATE_SHIFT -> nonBlank(dates.dateShift(rule));
            case FAKE -> cached(fakes.forRule(rule));
            case HASH -> cached(keyed.hash(rule));
            case TOKEN -> cached(keyed.token(rule));
            case FPE -> cached(keyed.fpe(rule));
        };
    }

    /** Null stays null; a blank value (nothing but spaces) has nothing personal and stays as it is. */
    private static FieldAnonymizer nonBlank(FieldAnonymizer inner) {
        return (value, entity) -> value == null || value.isBlank() ? value : inner.apply(value, entity);
    }

    private static FieldAnonymizer nonBlank(UnaryOperator<String> inner) {
        return nonBlank((value, entity) -> inner.apply(value));
    }

    /** {@link #nonBlank} with the thread's cache of recent values (for strategies that ignore the entity key). */
    private FieldAnonymizer cached(FieldAnonymizer inner) {
        ValueCache cache = new ValueCache(options.cacheSize());
        return (value, entity) -> value == null || value.isBlank() ? value : cache.apply(value, entity, inner);
    }
}

package io.ferry.anonymize.strategy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

import io.ferry.anonymize.strategy.Canonical.Form;
import io.ferry.spec.model.AnonymizeRule;

/**
 * What to do with the values of one field: a data type, a strategy and the strategy's argument. Built from a spec
 * rule ({@link #of(AnonymizeRule)}) or from the spec's two strings ({@link #of(String, String)}); the constructor
 * checks that the strategy fits the type and normalises the argument, so two rules that mean the same are equal.
 *
 * <p>A spec writes the strategy as its name, optionally followed by a colon and the argument:
 * <pre>
 *   strategy: date-shift            strategy: "date-shift: 30"
 *   strategy: "generalize: year"    strategy: "constant: N/A"
 *   strategy: "keep: the district's public switchboard number"
 * </pre>
 * (In YAML, quote a strategy that holds ": ".)
 *
 * @param type     the data type
 * @param strategy the strategy
 * @param argument the strategy's argument after normalisation (see {@link Strategy}), or null when it takes none
 */
public record FieldRule(DataType type, Strategy strategy, String argument) {

    /** The default and the largest {@code date-shift} offset, in days. */
    public static final int DEFAULT_SHIFT_DAYS = 365;
    public static final int MAX_SHIFT_DAYS = 3650;
    /** The default {@code hash} length in hex digits (128 bits). */
    public static final int DEFAULT_HASH_LENGTH = 32;

    public FieldRule {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(strategy, "strategy");
        argument = check(type, strategy, argument);
    }

    /** A rule with the type's default strategy. */
    public static FieldRule of(DataType type) {
        Strategy strategy = type.defaultStrategy().orElseThrow(() -> new RuleException("type " + type.name()
                + " has no default strategy; name one, e.g. strategy: hash (or token, redact, null, "
                + "\"constant: VALUE\", \"keep: REASON\")"));
        return new FieldRule(type, strategy, type.defaultArgument());
    }

    /**
     * A rule from the spec's {@code type} and {@code strategy} strings.
     *
     * @param strategy {@code name} or {@code name: argument}; null or blank for the type's default
     */
    public static FieldRule of(String type, String strategy) {
        DataType t = DataType.of(type);
        if (strategy == null || strategy.isBlank()) {
            return of(t);
        }
        int colon = strategy.indexOf(':');
        String name = (colon < 0 ? strategy : strategy.substring(0, colon)).strip();
        String argument = colon < 0 ? null : strategy.substring(colon + 1).strip();
        Strategy s = Strategy.fromSpecName(name).orElseThrow(() -> new RuleException("unknown strategy '" + name
                + "'" + didYouMean(name) + "; write one of " + strategyNames()));
        return new FieldRule(t, s, argument);
    }

    /**
     * A rule from the spec. Errors name the rule ({@code column ids.public.person.birth_date}, {@code property
     * sp:Person.email}, with its path) and say what to write instead.
     */
    public static FieldRule of(AnonymizeRule rule) {
        try {
            return of(rule.type(), rule.strategy());
        } catch (RuleException e) {
            throw new RuleException("anonymize rule for " + where(rule) + ": " + e.getMessage());
        }
    }

    /** {@code column ids.public.person.contact_info path $.address.city} or {@code property sp:Person.email}. */
    public static String where(AnonymizeRule rule) {
        String field = rule.column() != null ? "column " + rule.column() : "property " + rule.property();
        return rule.path() == null ? field : field + " path " + rule.path();
    }

    /** Whether the output depends on the entity key as well (date-shift: one offset per entity). */
    public boolean entityScoped() {
        return strategy == Strategy.DATE_SHIFT;
    }

    /** Whether another component handles the values (free text: the scrubber); {@link Anonymizer} refuses them. */
    public boolean delegated() {
        return strategy == Strategy.SCRUB;
    }

    /** Whether the generated values lie in a reserved range ({@link ReservedRanges#inReservedRange}). */
    public boolean generatesReservedRange() {
        return strategy == Strategy.FAKE && argument == null && type.hasReservedRange();
    }

    /** Whether distinct canonical values always get distinct outputs (fake emails, usernames, state ids; fpe). */
    public boolean unique() {
        return strategy == Strategy.FAKE && argument == null && type.fakeIsUnique() || strategy == Strategy.FPE;
    }

    /** The strategy as a spec writes it: {@code date-shift: 365}. */
    public String specString() {
        return argument == null ? strategy.specName() : strategy.specName() + ": " + argument;
    }

    @Override
    public String toString() {
        return type.name() + " → " + specString();
    }

    // ---- checks ----

    private static String check(DataType type, Strategy strategy, String argument) {
        String what = "strategy " + strategy.specName() + " for type " + type.name();
        String arg = argument == null ? null : argument.strip();
        return switch (strategy) {
            case FAKE -> {
                if (arg == null || arg.isEmpty()) {
                    if (!hasGenerator(type)) {
                        throw new RuleException(what + ": there is no fake generator for this type; write "
                                + "\"fake: PROVIDER\" with one of " + FakeProvider.names()
                                + (type.form() == Form.DATE ? ", or date-shift" : "") + ", or token or hash");
                    }
                    yield null;
                }
                if (type.hasReservedRange()) {
                    throw new RuleException(what + " takes no argument: its values are generated in a reserved "
                            + "range; write strategy: fake");
                }
                FakeProvider p = FakeProvider.fromSpecName(arg).orElseThrow(() -> new RuleException(what
                        + ": unknown provider '" + arg + "'; write one of " + FakeProvider.names()));
                yield p.specName();
            }
            case HASH -> {
                if (arg == null || arg.isEmpty()) {
                    yield Integer.toString(DEFAULT_HASH_LENGTH);
                }
                int n = number(arg, 8, 64, what + ": the argument is the length in hex digits; write \"hash: 32\" "
                        + "(8 to 64)");
                yield Integer.toString(n);
            }
            case TOKEN, NULL, REDACT -> {
                if (arg != null && !arg.isEmpty()) {
                    throw new RuleException(what + " takes no argument; write strategy: " + strategy.specName());
                }
                yield null;
            }
            case FPE -> {
                String mode = arg == null || arg.isEmpty() ? "digits" : arg.toLowerCase(Locale.ROOT);
                if (!mode.equals("digits") && !mode.equals("hex")) {
                    throw new RuleException(what + ": unknown alphabet '" + arg + "'; write strategy: fpe (digits) "
                            + "or \"fpe: hex\"");
                }
                yield mode;
            }
            case DATE_SHIFT -> {
                if (arg == null || arg.isEmpty()) {
                    yield Integer.toString(DEFAULT_SHIFT_DAYS);
                }
                int n = number(arg, 1, MAX_SHIFT_DAYS, what + ": the argument is the largest shift in days; write "
                        + "\"date-shift: 365\" (1 to " + MAX_SHIFT_DAYS + ")");
                yield Integer.toString(n);
            }
            case GENERALIZE -> {
                String level = arg == null || arg.isEmpty() ? defaultLevel(type) : arg.toLowerCase(Locale.ROOT);
                if (level == null) {
                    throw new RuleException(what + " needs a level; write \"generalize: year\", \"generalize: "
                            + "month\" (dates) or \"generalize: zip3\" (postal codes)");
                }
                if (!List.of("year", "month", "zip3").contains(level)) {
                    throw new RuleException(what + ": unknown level '" + arg + "'; write \"generalize: year\", "
                            + "\"generalize: month\" or \"generalize: zip3\"");
                }
                yield level;
            }
            case CONSTANT -> {
                if (argument == null) {
                    throw new RuleException(what + " needs the value; write \"constant: VALUE\" (or strategy: null "
                            + "for SQL NULL)");
                }
                yield arg;
            }
            case KEEP -> {
                if (arg == null || arg.isEmpty()) {
                    throw new RuleException(what + " needs a reason; write \"keep: REASON\", e.g. \"keep: the "
                            + "school's public phone number\"");
                }
                yield arg;
            }
            case SCRUB -> {
                if (!type.equals(DataType.FREE_TEXT)) {
                    throw new RuleException(what + ": only text.free is scrubbed; write type: text.free, or a "
                            + "strategy such as redact or null");
                }
                yield arg == null || arg.isEmpty() ? null : arg;
            }
        };
    }

    private static boolean hasGenerator(DataType type) {
        return type.isKnown() && type.form() != Form.DATE && !type.equals(DataType.FREE_TEXT)
                && !type.equals(DataType.UUID) && !type.equals(DataType.PASSWORD_HASH);
    }

    private static String defaultLevel(DataType type) {
        if (type.form() == Form.DATE) {
            return "year";
        }
        return type.equals(DataType.POSTAL_CODE) ? "zip3" : null;
    }

    private static int number(String text, int min, int max, String message) {
        try {
            int n = Integer.parseInt(text);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new RuleException(message);
    }

    private static String strategyNames() {
        return Arrays.stream(Strategy.values()).filter(s -> s != Strategy.SCRUB).map(Strategy::specName)
                .collect(Collectors.joining(", "));
    }

    private static String didYouMean(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        List<String> candidates = new ArrayList<>();
        for (Strategy s : Strategy.values()) {
            candidates.add(s.specName());
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(n, c);
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        return best != null && bestDistance <= Math.max(2, best.length() / 3) ? " (did you mean '" + best + "'?)"
                : "";
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}

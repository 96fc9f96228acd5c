package io.ferry.spec;

import io.ferry.schema.mapping.DriftRule;
import io.ferry.schema.model.TableId;
import io.ferry.spec.model.AnonymizeRule;
import io.ferry.spec.model.Link;
import io.ferry.spec.model.SpecEnum;
import io.ferry.spec.model.Spec;
import io.ferry.spec.model.Store;
import io.ferry.spec.model.TableRule;
import io.ferry.spec.model.ValidateRule;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The spec hash of DESIGN.md's staging layout: sha256 (hex) of the canonical JSON of the parsed spec
 * (sorted keys, no whitespace, defaults filled in) without connection settings. Connections and
 * secrets are left out so the same spec hashes the same in every environment it runs in; the
 * {@code districts} section is left out because it only sizes and ranks districts, never changing
 * which rows are copied.
 */
public final class SpecHash {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private SpecHash() {
    }

    public static String of(Spec spec) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(canonicalJson(spec).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    /** The hashed text: what the spec means, in one canonical form. */
    public static String canonicalJson(Spec spec) {
        Map<String, Object> root = new TreeMap<>();
        root.put("version", spec.version());
        root.put("stores", sorted(spec.stores(), SpecHash::store));
        root.put("tenant", Map.of("table", spec.tenant().table().toString(), "key", spec.tenant().key()));
        root.put("links", spec.links().stream().map(SpecHash::link).toList());
        Map<String, Object> closure = new TreeMap<>();
        closure.put("edges", sortedByText(spec.closure().edges(), SpecHash::word));
        closure.put("tables", sortedByText(spec.closure().tables(), SpecHash::tableRule));
        closure.put("crossTenant", word(spec.closure().crossTenant()));
        closure.put("dangling", word(spec.closure().dangling()));
        if (spec.closure().graph() != null) {
            closure.put("graph", Map.of("roots", texts(spec.closure().graph().roots()),
                    "follow", spec.closure().graph().follow()));
        }
        root.put("closure", closure);
        Map<String, Object> anonymize = new TreeMap<>();
        if (spec.anonymize().key() != null) {
            anonymize.put("key", Map.of("file", spec.anonymize().key().file(),
                    "version", spec.anonymize().key().version()));
        }
        anonymize.put("rules", spec.anonymize().rules().stream().map(SpecHash::anonymizeRule).toList());
        root.put("anonymize", anonymize);
        root.put("validate", spec.validate().stream().map(SpecHash::validateRule).toList());
        if (!spec.drift().isEmpty()) {
            // Only when present, so the hash of a spec without drift rules stays what it was.
            root.put("drift", spec.drift().stream().map(SpecHash::driftRule).toList());
        }
        Map<String, Object> load = new TreeMap<>(Map.of("conflict", word(spec.load().conflict()),
                "keys", sortedByText(spec.load().keys(), SpecHash::word), "triggers", word(spec.load().triggers())));
        if (!spec.load().tableTriggers().isEmpty()) {
            // Only when present, so the hash of a spec with one mode for every table stays what it was.
            load.put("tableTriggers", sortedByText(spec.load().tableTriggers(), SpecHash::word));
        }
        root.put("load", load);
        root.put("approval", spec.approval().stream().map(SpecHash::word).sorted().distinct().toList());
        if (spec.schedule() != null) {
            root.put("schedule", Map.of("cron", spec.schedule().cron(), "districts", spec.schedule().districts()));
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the canonical spec", e);
        }
    }

    private static Object store(Store store) {
        return Map.of("kind", store.kind().name().toLowerCase(), "schemas", store.schemas());
    }

    private static Object link(Link link) {
        Map<String, Object> map = new TreeMap<>();
        map.put("from", link.from().toString());
        map.put("to", link.to().toString());
        if (link.cast() != null) {
            map.put("cast", word(link.cast()));
        }
        if (link.dangling() != null) {
            map.put("dangling", word(link.dangling()));
        }
        return map;
    }

    private static Object tableRule(TableRule rule) {
        Map<String, Object> map = new TreeMap<>();
        if (rule.mode() != null) {
            map.put("mode", word(rule.mode()));
        }
        if (rule.filter() != null) {
            map.put("filter", rule.filter());
        }
        if (rule.limit() != null) {
            map.put("limit", rule.limit());
        }
        map.put("owner", texts(rule.owner()));
        return map;
    }

    private static Object anonymizeRule(AnonymizeRule rule) {
        Map<String, Object> map = new TreeMap<>();
        putIfSet(map, "column", rule.column());
        putIfSet(map, "property", rule.property());
        putIfSet(map, "path", rule.path());
        putIfSet(map, "type", rule.type());
        putIfSet(map, "strategy", rule.strategy());
        putIfSet(map, "entity", rule.entity());
        return map;
    }

    private static Object validateRule(ValidateRule rule) {
        Map<String, Object> map = new TreeMap<>();
        map.put("table", rule.table().toString());
        map.put("check", rule.check());
        map.put("severity", word(rule.severity()));
        putIfSet(map, "message", rule.message());
        return map;
    }

    private static Object driftRule(DriftRule rule) {
        Map<String, Object> map = new TreeMap<>();
        map.put("column", rule.table() + "." + TableId.quote(rule.column()));
        map.put("action", rule.action().word());
        putIfSet(map, "value", rule.value());
        return map;
    }

    private static void putIfSet(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    private static String word(SpecEnum value) {
        return value.word();
    }

    private static List<String> texts(List<?> values) {
        return values.stream().map(Object::toString).toList();
    }

    private static <V> Map<String, Object> sorted(Map<String, V> map, Function<V, Object> value) {
        Map<String, Object> sorted = new TreeMap<>();
        map.forEach((k, v) -> sorted.put(k, value.apply(v)));
        return sorted;
    }

    private static <K, V> Map<String, Object> sortedByText(Map<K, V> map, Function<V, Object> value) {
        Map<String, Object> sorted = new TreeMap<>();
        map.forEach((k, v) -> sorted.put(k.toString(), value.apply(v)));
        return sorted;
    }
}

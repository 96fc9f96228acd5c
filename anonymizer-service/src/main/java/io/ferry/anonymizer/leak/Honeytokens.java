package io.ferry.anonymizer.leak;

import io.ferry.anonymize.leak.LeakTokens;
import io.ferry.anonymize.leak.LeakKey;
import io.ferry.anonymize.leak.LeakHashes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Honeytokens: values planted in PROD that must never reach any output. Read from a
 * {@code honeytokens.json} ({@code {"honeytokens": [{"store", "table", "key", "column", "value"}]}}, as
 * the sample estate writes it) and watched by the run's leak check as keyed hashes. A value is watched as
 * a whole and word by word, where it has {@value LeakTokens#MIN_ALNUM} or more letters and
 * digits: a short first name such as {@code Thea} is also a fake name and would be found in every run.
 */
public final class Honeytokens {

    private final List<String> values;

    private Honeytokens(List<String> values) {
        this.values = List.copyOf(values);
    }

    public static Honeytokens none() {
        return new Honeytokens(List.of());
    }

    /** @throws IOException when the file cannot be read or is not the honeytokens JSON (the message names the file) */
    public static Honeytokens read(Path file) throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readString(file));
        } catch (IOException e) {
            throw new IOException("cannot read honeytokens file " + file + " (" + e.getClass().getSimpleName() + ")");
        }
        JsonNode list = root == null ? null : root.get("honeytokens");
        if (list == null || !list.isArray()) {
            throw new IOException("honeytokens file " + file + " must hold {\"honeytokens\": [{..., \"value\": ...}]}");
        }
        List<String> values = new ArrayList<>();
        for (JsonNode entry : list) {
            JsonNode value = entry.get("value");
            if (value != null && value.isValueNode() && !value.isNull()) {
                values.add(value.asText());
            }
        }
        return new Honeytokens(values);
    }

    public int size() {
        return values.size();
    }

    /** The watched hashes under the run's leak key. */
    public LeakHashes hashes(LeakKey key) {
        LeakHashes.Builder out = new LeakHashes.Builder();
        for (String value : values) {
            if (SourceIdentifiers.longEnough(value)) {
                LeakTokens.forms(value, t -> out.add(key.hash(t)));
            }
            for (String word : value.split("[\\s,;]+")) {
                if (SourceIdentifiers.longEnough(word)) {
                    LeakTokens.forms(word, t -> out.add(key.hash(t)));
                }
            }
        }
        return out.build();
    }
}

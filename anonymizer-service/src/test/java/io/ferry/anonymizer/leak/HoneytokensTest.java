package io.ferry.anonymizer.leak;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.anonymize.leak.LeakHashes;
import io.ferry.anonymize.leak.LeakKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HoneytokensTest {

    @Test
    void honeytokensWatchTheirLongValuesAndWordsButNotShortNames(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("honeytokens.json");
        Files.writeString(file, """
                {"honeytokens": [
                  {"store": "ids", "table": "public.person", "key": "1", "column": "first_name", "value": "Thea"},
                  {"store": "ids", "table": "public.person", "key": "1", "column": "last_name", "value": "Vandermolen"},
                  {"store": "ids", "table": "public.person", "key": "1", "column": "email", "value": "thea.vandermolen@gmail.com"}
                ]}""");
        Honeytokens honey = Honeytokens.read(file);
        LeakKey key = new LeakKey(io.ferry.anonymizer.batch.BatchFixture.KEY);
        LeakHashes hashes = honey.hashes(key);
        List<String> watched = new ArrayList<>();
        for (String probe : List.of("t:vandermolen", "t:thea.vandermolen@gmail.com", "t:thea")) {
            if (hashes.contains(key.hash(probe))) {
                watched.add(probe);
            }
        }
        assertThat(watched).containsExactly("t:vandermolen", "t:thea.vandermolen@gmail.com");
        Files.writeString(file, "{\"people\": []}");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Honeytokens.read(file))
                .hasMessageContaining("must hold {\"honeytokens\"");
    }
}

package io.ferry.cert;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class GraphStampsTest {

    @Test
    void theHashIsTheMd5OfThePropertiesOwnTextWithoutFerrysStamps() {
        // md5 of {"name":"Ada"}, the canonical text GraphValues gives the map
        assertThat(GraphStamps.hash(Map.of("name", "Ada", GraphStamps.STAMP, "mig-1", GraphStamps.HASH, "x")))
                .isEqualTo("1f494d232279c6b570bb5a22ac9f370d");
    }

    @Test
    void aDigestWithLeadingZeroBytesKeepsAll32Digits() {
        // md5 of {"n":542} starts with a zero byte; compensation compares this text with what the load stored
        assertThat(GraphStamps.hash(Map.of("n", 542L))).isEqualTo("000cf99e73ea0041fbba8b9d43ae35ba");
    }

    @Test
    void oneThreadHashingAgainGetsTheSameDigest() {
        // the thread's digest is reused: a digest left half-fed would change the next hash
        String first = GraphStamps.hash(Map.of("name", "Ada"));
        GraphStamps.hash(Map.of("n", 542L));
        assertThat(GraphStamps.hash(Map.of("name", "Ada"))).isEqualTo(first);
    }
}

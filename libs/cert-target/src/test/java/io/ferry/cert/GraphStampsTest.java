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

    @Test
    void theStampIsTheHashsFirstEightBytesAsALong() {
        // 000cf99e73ea0041... : a leading zero byte keeps the long small, not shifted
        assertThat(GraphStamps.stamp(Map.of("n", 542L))).isEqualTo(0x000cf99e73ea0041L);
        // 1f494d232279c6b5...; the stamps on the node are left out as for the hash
        assertThat(GraphStamps.stamp(Map.of("name", "Ada", GraphStamps.STAMP, "mig-1", GraphStamps.HASH, 7L)))
                .isEqualTo(0x1f494d232279c6b5L);
    }

    @Test
    void propertiesMatchTheStampLoadsStoreNowAndTheHexDigitsStoredBefore() {
        Map<String, Object> props = Map.of("name", "Ada");
        assertThat(GraphStamps.matches(props, 0x1f494d232279c6b5L)).isTrue();
        assertThat(GraphStamps.matches(props, "1f494d232279c6b570bb5a22ac9f370d")).isTrue();
        // a tester's edit changes both
        Map<String, Object> edited = Map.of("name", "Ada L.");
        assertThat(GraphStamps.matches(edited, 0x1f494d232279c6b5L)).isFalse();
        assertThat(GraphStamps.matches(edited, "1f494d232279c6b570bb5a22ac9f370d")).isFalse();
        // nothing stored, or a value of another type, is a changed node
        assertThat(GraphStamps.matches(props, null)).isFalse();
        assertThat(GraphStamps.matches(props, 0x1f494d232279c6b5L + 1)).isFalse();
        assertThat(GraphStamps.matches(props, 1.5d)).isFalse();
    }
}

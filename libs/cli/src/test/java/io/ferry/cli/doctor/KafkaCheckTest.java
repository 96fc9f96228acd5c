package io.ferry.cli.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The quick look before the admin client: which bootstrap addresses accept no connection at all. */
class KafkaCheckTest {

    @Test
    void anAddressWhereSomethingListensIsNotRefusedOneWhereNothingDoesIs() throws Exception {
        try (ServerSocket listening = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String open = "127.0.0.1:" + listening.getLocalPort();
            assertThat(KafkaCheck.refusing(open)).isEmpty();
            assertThat(KafkaCheck.refusing("127.0.0.1:1, " + open)).containsExactly("127.0.0.1:1");
            assertThat(KafkaCheck.refusing("no-port-here," + open)).containsExactly("no-port-here");
        }
    }

    @Test
    void whenEveryAddressRefusesTheCheckFailsAtOnceNamingThem() {
        // answered from the quick look (it names the refusing addresses), not after the admin client's 15 s timeout
        List<Check> checks = KafkaCheck.check("127.0.0.1:1,127.0.0.1:2");
        assertThat(checks).singleElement().satisfies(c -> {
            assertThat(c.status()).isEqualTo(Check.Status.FAIL);
            assertThat(c.detail()).contains("no broker answered at 127.0.0.1:1,127.0.0.1:2",
                    "connection refused at 127.0.0.1:1, 127.0.0.1:2");
        });
    }
}

package io.ferry.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServiceJavaOptsTest {

    @Test
    void optionsAreSplitOnWhiteSpaceAndNoneWhenUnset() {
        assertThat(ServiceProcesses.serviceJavaOpts(null)).isEmpty();
        assertThat(ServiceProcesses.serviceJavaOpts("  ")).isEmpty();
        assertThat(ServiceProcesses.serviceJavaOpts(" -Xmx512m\t-XX:+UseG1GC  -Dx=1 "))
                .containsExactly("-Xmx512m", "-XX:+UseG1GC", "-Dx=1");
    }
}

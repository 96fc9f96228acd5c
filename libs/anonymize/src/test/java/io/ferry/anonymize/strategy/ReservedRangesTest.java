package io.ferry.anonymize.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class ReservedRangesTest {

    private final ReservedRanges ranges = new ReservedRanges(List.of("@Test.K12.example.us"), "ferry-");

    @Test
    void emailsAtTheReservedDomainsAndTheirSubdomains() {
        assertThat(ranges.emailDomains()).containsExactly("example.org", "test.k12.example.us");
        assertThat(ranges.inReservedRange(DataType.EMAIL, " Anna.Jones.x1@EXAMPLE.org ")).isTrue();
        assertThat(ranges.inReservedRange(DataType.EMAIL, "a@mail.example.org")).isTrue();
        assertThat(ranges.inReservedRange(DataType.EMAIL, "a@test.k12.example.us")).isTrue();
        assertThat(ranges.inReservedRange(DataType.EMAIL, "a@notexample.org")).isFalse();
        assertThat(ranges.inReservedRange(DataType.EMAIL, "a@example.org.evil.com")).isFalse();
    }

    @Test
    void phonesOnTheFictionalLines() {
        assertThat(ranges.inReservedRange(DataType.PHONE, "(458) 555-0123")).isTrue();
        assertThat(ranges.inReservedRange(DataType.PHONE, "+1 458 555 0199")).isTrue();
        assertThat(ranges.inReservedRange(DataType.PHONE, "14585550100")).isTrue();
        assertThat(ranges.inReservedRange(DataType.PHONE, "(458) 555-0200")).isFalse();
        assertThat(ranges.inReservedRange(DataType.PHONE, "(458) 319-7026")).isFalse();
        assertThat(ranges.inReservedRange("person.phone", "2458555012")).isFalse();
    }

    @Test
    void identifiersWithThePrefix() {
        assertThat(ranges.idPrefix()).isEqualTo("FERRY-");
        assertThat(ranges.inReservedRange(DataType.STATE_ID, "FERRY-0417365928")).isTrue();
        assertThat(ranges.inReservedRange("account.username", " ferry-ilindgren.x1 ")).isTrue();
        assertThat(ranges.inReservedRange(DataType.STATE_ID, "0417365928")).isFalse();
        assertThatThrownBy(() -> new ReservedRanges(List.of(), " ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ipAddressesInTheDocumentationNetworksAndSsnsInArea000() {
        assertThat(ranges.inReservedRange(DataType.IP, "198.51.100.7")).isTrue();
        assertThat(ranges.inReservedRange(DataType.IP, "203.0.113.0/24")).isTrue();
        assertThat(ranges.inReservedRange(DataType.IP, "2001:DB8:1::1")).isTrue();
        assertThat(ranges.inReservedRange(DataType.IP, "10.0.0.1")).isFalse();
        assertThat(ranges.inReservedRange(DataType.SSN, "000-12-3456")).isTrue();
        assertThat(ranges.inReservedRange(DataType.SSN, "123-45-6789")).isFalse();
    }

    @Test
    void typesWithoutARangeAndNullAreNeverInside() {
        assertThat(ranges.inReservedRange(DataType.FIRST_NAME, "FERRY-x")).isFalse();
        assertThat(ranges.inReservedRange(DataType.EMAIL, null)).isFalse();
        assertThat(ReservedRanges.hasReservedRange(DataType.USERNAME)).isTrue();
        assertThat(ReservedRanges.hasReservedRange(DataType.CITY)).isFalse();
    }
}

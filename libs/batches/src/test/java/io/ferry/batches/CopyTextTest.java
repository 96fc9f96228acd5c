package io.ferry.batches;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CopyTextTest {

    private static String[] decode(String line, int columns) {
        return CopyText.decodeRow(line.getBytes(StandardCharsets.UTF_8), columns);
    }

    private static String encode(String... values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CopyText.encodeRow(values, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void splitsOnTabsWithOrWithoutTheTrailingNewline() {
        assertThat(decode("1\tAda\tLovelace\n", 3)).containsExactly("1", "Ada", "Lovelace");
        assertThat(decode("1\tAda\tLovelace", 3)).containsExactly("1", "Ada", "Lovelace");
    }

    @Test
    void backslashNIsNullAndAnEmptyFieldIsTheEmptyString() {
        assertThat(decode("\\N\t\t\\N\n", 3)).containsExactly(null, "", null);
        assertThat(decode("\n", 1)).containsExactly("");
        assertThat(decode("\t\n", 2)).containsExactly("", "");
    }

    @Test
    void backslashNInsideALongerFieldIsTheLetterN() {
        assertThat(decode("\\NA\tx\\N\n", 2)).containsExactly("NA", "xN");
    }

    @Test
    void decodesEveryNamedEscape() {
        assertThat(decode("a\\\\b\\tc\\nd\\re\\bf\\fg\\vh\n", 1))
                .containsExactly("a\\b\tc\nd\re\bf\fg\u000Bh");
    }

    @Test
    void decodesOctalEscapesOfOneToThreeDigits() {
        assertThat(decode("\\101\\0\\7\\1018\n", 1)).containsExactly("A\0\u0007A8");
        assertThat(decode("\\18\n", 1)).containsExactly("\u00018");
    }

    @Test
    void decodesHexEscapesOfOneOrTwoDigits() {
        assertThat(decode("\\x41\\x4a\\x4B\\x9\\x414\n", 1)).containsExactly("AJK\tA4");
        assertThat(decode("\\xg\\x\n", 1)).containsExactly("xgx");
    }

    @Test
    void escapedBytesAreReadAsUtf8() {
        assertThat(decode("caf\\303\\251\tna\\xc3\\xafve\n", 2)).containsExactly("café", "naïve");
    }

    @Test
    void anyOtherEscapedCharacterIsItselfIncludingATab() {
        assertThat(decode("\\q\\.\\\"\n", 1)).containsExactly("q.\"");
        assertThat(decode("a\\\tb\tc\n", 2)).containsExactly("a\tb", "c");
    }

    @Test
    void keepsMultibyteUtf8() {
        assertThat(decode("Zoë\t東京\t😀\tß\n", 4)).containsExactly("Zoë", "東京", "😀", "ß");
    }

    @Test
    void aWrongFieldCountNamesBothCountsAndNoValue() {
        assertThatThrownBy(() -> decode("secret\tvalue\n", 3))
                .isInstanceOf(BatchFormatException.class)
                .hasMessage("COPY row has 2 fields, expected 3");
        assertThatThrownBy(() -> decode("a\tb\tc\td\n", 3))
                .isInstanceOf(BatchFormatException.class)
                .hasMessage("COPY row has 4 fields, expected 3");
    }

    @Test
    void aLoneTrailingBackslashIsAnError() {
        assertThatThrownBy(() -> decode("a\tb\\", 2))
                .isInstanceOf(BatchFormatException.class)
                .hasMessageContaining("lone backslash in field 2");
    }

    @Test
    void aTableWithoutColumnsHasEmptyRows() {
        assertThat(decode("\n", 0)).isEmpty();
        assertThat(encode()).isEqualTo("\n");
    }

    @Test
    void encodesNullsEscapesAndUtf8() {
        assertThat(encode("1", null, "", "a\\b\tc\nd\re\bf\fg\u000Bh", "Zoë 😀"))
                .isEqualTo("1\t\\N\t\ta\\\\b\\tc\\nd\\re\\bf\\fg\\vh\tZoë 😀\n");
    }

    @Test
    void encodesTheLiteralTextBackslashNSoItIsNotNull() {
        assertThat(encode("\\N")).isEqualTo("\\\\N\n");
        assertThat(decode(encode("\\N"), 1)).containsExactly("\\N");
    }

    @Test
    void appendsToWhatTheBufferAlreadyHolds() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CopyText.encodeRow(new String[] {"1", "a"}, out);
        CopyText.encodeRow(new String[] {"2", null}, out);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("1\ta\n2\t\\N\n");
    }

    @Test
    void encodeThenDecodeGivesTheValuesBack() {
        String[] values = {"plain", null, "", "\\", "\\N", "tab\there", "new\nline", "cr\rlf\n", "\u0001\u007F",
                "back\\\\slashes\\", "東京 😀 Zoë", "\u000B\b\f", "ends with tab\t", "\t"};
        assertThat(decode(encode(values), values.length)).containsExactly(values);
    }
}

package io.ferry.anonymize.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The free-text dictionary: canonical tokens, keyed hashes, the file's format. */
class TokenDictionaryTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    @Test
    void valuesAreCanonicalisedBeforeHashing() {
        assertThat(TokenDictionary.canonical("  Ren\u0065\u0301e   MARIE\tO'Neil ")).isEqualTo("ren\u00e9e marie o'neil");
    }

    @Test
    void eachTypeContributesItsTokens() {
        assertThat(TokenDictionary.tokens(DataType.FULL_NAME, " Cassius  Okonkwo-Reyes ")).containsExactly("cassius",
                "okonkwo-reyes", "okonkwo", "reyes");
        assertThat(TokenDictionary.tokens(DataType.FIRST_NAME, "J.")).isEmpty();
        assertThat(TokenDictionary.tokens(DataType.LAST_NAME, "O'Brien,")).as("a part shorter than two characters is left out")
                .containsExactly("o'brien", "brien");
        assertThat(TokenDictionary.tokens(DataType.EMAIL, "Thea.V@Example.net")).containsExactly("thea.v@example.net",
                "thea.v");
        assertThat(TokenDictionary.tokens(DataType.STATE_ID, " 0123456789 ")).containsExactly("0123456789");
        assertThat(TokenDictionary.tokens(DataType.USERNAME, "tvandermolen")).containsExactly("tvandermolen");
        assertThat(TokenDictionary.tokens(DataType.PHONE, "(217) 384-2291")).isEmpty();
    }

    @Test
    void tokensAreHmacSha256UnderTheKey() {
        byte[] rfc4231 = new byte[20];
        Arrays.fill(rfc4231, (byte) 0x0b);
        assertThat(new TokenDictionary(rfc4231).hmac("Hi There"))
                .isEqualTo("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
        assertThatThrownBy(() -> new TokenDictionary(new byte[8])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theFileIsSortedDeduplicatedHexOneALine(@TempDir Path dir) throws Exception {
        TokenDictionary d = new TokenDictionary(KEY);
        d.add(DataType.FIRST_NAME, "Thea");
        d.add(DataType.FIRST_NAME, " THEA ");
        d.add(DataType.LAST_NAME, "Vandermolen");
        d.add(DataType.EMAIL, "thea@example.net");
        d.add(DataType.BIRTH_DATE, "2010-01-01");
        Path file = dir.resolve("tokens.txt");
        d.writeTo(file);
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).as("thea, vandermolen, thea@example.net (its local part is thea again)").hasSize(3).isSorted().doesNotHaveDuplicates().allMatch(l -> l.matches("[0-9a-f]{64}"));
        assertThat(lines).contains(d.hmac("thea"), d.hmac("vandermolen"), d.hmac("thea@example.net"));
        assertThat(Files.readString(file)).doesNotContainIgnoringCase("thea").endsWith("\n");
    }

    @Test
    void repeatedValuesGiveTheSameFileAsEachValueOnce(@TempDir Path dir) throws Exception {
        String[] names = {"Thea", "Cassius", "Okonkwo-Reyes", "Linnea", "O'Brien"};
        TokenDictionary repeated = new TokenDictionary(KEY);
        TokenDictionary once = new TokenDictionary(KEY);
        for (int i = 0; i < 50_000; i++) {
            repeated.add(DataType.FULL_NAME, names[i % names.length] + (i % 7 == 0 ? " Soto" + i % 13 : ""));
            repeated.add(DataType.EMAIL, "person" + i % 9000 + "@example.net");
        }
        for (int i = 0; i < 50_000; i++) {
            once.add(DataType.FULL_NAME, names[i % names.length] + (i % 7 == 0 ? " Soto" + i % 13 : ""));
        }
        for (int i = 0; i < 9000; i++) {
            once.add(DataType.EMAIL, "person" + i + "@example.net");
        }
        Path a = dir.resolve("a.txt");
        Path b = dir.resolve("b.txt");
        repeated.writeTo(a);
        once.writeTo(b);
        assertThat(Files.readAllLines(a)).as("8 name words and parts, 13 surnames, 9,000 emails and their local parts").hasSize(8 + 13 + 2 * 9000).isEqualTo(Files.readAllLines(b));
    }

    @Test
    void addingAnotherDictionaryGivesTheFileOfOneDictionaryFedEverything(@TempDir Path dir) throws Exception {
        TokenDictionary one = new TokenDictionary(KEY);
        TokenDictionary names = new TokenDictionary(KEY);
        TokenDictionary emails = new TokenDictionary(KEY);
        for (String name : List.of("Thea Vandermolen", "Cassius Okonkwo-Reyes", "Thea Soto")) {
            one.add(DataType.FULL_NAME, name);
            names.add(DataType.FULL_NAME, name);
        }
        for (String email : List.of("thea@example.net", "c.okonkwo@example.net")) {
            one.add(DataType.EMAIL, email);
            emails.add(DataType.EMAIL, email);
        }
        names.addAll(emails);
        Path merged = dir.resolve("merged.txt");
        Path whole = dir.resolve("whole.txt");
        names.writeTo(merged);
        one.writeTo(whole);
        assertThat(Files.readAllLines(merged)).as("thea once, though both gave it").hasSize(one.size())
                .isEqualTo(Files.readAllLines(whole)).contains(one.hmac("thea"), one.hmac("c.okonkwo@example.net"));
    }
}

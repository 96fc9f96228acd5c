package io.ferry.anonymize.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import org.bouncycastle.crypto.fpe.FPEFF1Engine;
import org.bouncycastle.crypto.params.FPEParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;

class KeyedPermutationTest {

    private final Keys keys = new Keys(Fixtures.KEY);

    @Test
    void smallDomainsArePermutedByATableAndLargeOnesByFf1() {
        for (int[] radixAndLength : new int[][] {{10, 1}, {10, 3}, {10, 5}, {10, 6}, {36, 1}, {36, 3}, {36, 4}, {16, 4}, {16, 5}}) {
            int radix = radixAndLength[0];
            int n = radixAndLength[1];
            KeyedPermutation p = keys.permutation(radix, "test");
            // every element of a table domain; the first 20,000 of an FF1 domain (each call costs microseconds)
            int size = (int) Math.min(Math.pow(radix, n), 20_000);
            Set<String> outputs = new HashSet<>();
            for (int x = 0; x < size; x++) {
                byte[] digits = digits(x, radix, n);
                byte[] original = digits.clone();
                p.encrypt(digits);
                outputs.add(Arrays.toString(digits));
                p.decrypt(digits);
                assertThat(digits).as("radix %d, length %d", radix, n).isEqualTo(original);
            }
            assertThat(outputs).as("radix %d, length %d", radix, n).hasSize(size);
        }
    }

    @Test
    void theDerangedPermutationHasNoFixedPointAndIsABijection() {
        for (int n = 1; n <= 6; n++) {
            KeyedPermutation p = keys.permutation(10, "deranged");
            int size = (int) Math.pow(10, n);
            boolean[] hit = new boolean[size];
            for (int x = 0; x < Math.min(size, 20_000); x++) {
                byte[] digits = digits(x, 10, n);
                p.encryptDeranged(digits);
                int y = number(digits, 10);
                assertThat(y).isNotEqualTo(x);
                assertThat(hit[y]).isFalse();
                hit[y] = true;
                p.decryptDeranged(digits);
                assertThat(number(digits, 10)).isEqualTo(x);
            }
        }
    }

    @Test
    void cycleWalkingStaysInsideTheSubset() {
        KeyedPermutation p = keys.permutation(36, "subset");
        for (int n = 2; n <= 3; n++) { // whole table domains: a bijection of the subset
            int size = (int) Math.pow(36, n);
            Set<Integer> outputs = new HashSet<>();
            int members = 0;
            for (int x = 0; x < size; x++) {
                byte[] digits = digits(x, 36, n);
                if (!hasLetter(digits)) {
                    continue;
                }
                members++;
                p.encryptWithin(digits, KeyedPermutationTest::hasLetter);
                assertThat(hasLetter(digits)).isTrue();
                outputs.add(number(digits, 36));
                p.decryptWithin(digits, KeyedPermutationTest::hasLetter);
                assertThat(number(digits, 36)).isEqualTo(x);
            }
            assertThat(outputs).hasSize(members);
        }
    }

    @Test
    void cycleWalkingRoundTripsInAnFf1Domain() {
        KeyedPermutation p = keys.permutation(36, "subset");
        Random random = new Random(3);
        for (int i = 0; i < 5_000; i++) {
            byte[] digits = new byte[4 + random.nextInt(8)];
            for (int j = 0; j < digits.length; j++) {
                digits[j] = (byte) random.nextInt(36);
            }
            digits[random.nextInt(digits.length)] = (byte) (10 + random.nextInt(26));
            byte[] original = digits.clone();
            p.encryptWithin(digits, KeyedPermutationTest::hasLetter);
            assertThat(hasLetter(digits)).isTrue();
            p.decryptWithin(digits, KeyedPermutationTest::hasLetter);
            assertThat(digits).isEqualTo(original);
        }
    }

    /** Domains of a million strings and more: exactly BouncyCastle's FF1 with the derived key and the short tweak. */
    @Test
    void ff1DomainsArePermutedByBouncyCastlesFf1() {
        Random random = new Random(9);
        for (int radix : new int[] {10, 16, 36}) {
            KeyedPermutation p = keys.permutation(radix, "reference");
            FPEFF1Engine reference = new FPEFF1Engine();
            reference.init(true, new FPEParameters(new KeyParameter(Fixtures.KEY.derive("ff1")), radix,
                    KeyedPermutation.shortTweak("reference")));
            for (int i = 0; i < 500; i++) {
                byte[] digits = new byte[6 + random.nextInt(30)];
                for (int j = 0; j < digits.length; j++) {
                    digits[j] = (byte) random.nextInt(radix);
                }
                byte[] expected = new byte[digits.length];
                reference.processBlock(digits, 0, digits.length, expected, 0);
                p.encrypt(digits);
                assertThat(digits).isEqualTo(expected);
            }
        }
    }

    @Test
    void tweaksAndKeysGiveDifferentPermutations() {
        Random random = new Random(7);
        byte[] sample = new byte[12];
        for (int i = 0; i < sample.length; i++) {
            sample[i] = (byte) random.nextInt(10);
        }
        byte[] a = sample.clone();
        byte[] b = sample.clone();
        byte[] c = sample.clone();
        keys.permutation(10, "one").encrypt(a);
        keys.permutation(10, "two").encrypt(b);
        new Keys(Fixtures.KEY_V2).permutation(10, "one").encrypt(c);

        assertThat(a).isNotEqualTo(b).isNotEqualTo(c).isNotEqualTo(sample);
    }

    private static boolean hasLetter(byte[] digits) {
        for (byte d : digits) {
            if (d >= 10) {
                return true;
            }
        }
        return false;
    }

    private static byte[] digits(int x, int radix, int n) {
        byte[] d = new byte[n];
        for (int i = n - 1; i >= 0; i--) {
            d[i] = (byte) (x % radix);
            x /= radix;
        }
        return d;
    }

    private static int number(byte[] digits, int radix) {
        int x = 0;
        for (byte d : digits) {
            x = x * radix + d;
        }
        return x;
    }
}

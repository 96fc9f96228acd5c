package io.ferry.batches;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expected texts are what PostgreSQL 12+ prints with {@code extra_float_digits = 3}. */
class FloatTextTest {

    @ParameterizedTest
    @CsvSource({
            "NaN, NaN", "Infinity, Infinity", "-Infinity, -Infinity", "-0.0, -0", "0.0, 0",
            "1e20, 1e+20", "1e15, 1e+15", "123456789012345, 123456789012345", "1e14, 100000000000000",
            "100, 100", "1.5, 1.5", "-1.5, -1.5", "0.1, 0.1", "0.0001, 0.0001", "0.00001, 1e-05",
            "0.000123, 0.000123", "1.7976931348623157e308, 1.7976931348623157e+308", "4.9e-324, 5e-324",
            "2.2250738585072014e-308, 2.2250738585072014e-308", "1e100, 1e+100", "1.25e-100, 1.25e-100",
            "4503599627370496, 4.503599627370496e+15", "0.30000000000000004, 0.30000000000000004",
            "1e-310, 1e-310", "9.9e-324, 1e-323"})
    void doublesPrintAsPostgresPrintsThem(double value, String printed) {
        assertThat(FloatText.formatDouble(value)).isEqualTo(printed);
    }

    @ParameterizedTest
    @CsvSource({
            "NaN, NaN", "Infinity, Infinity", "-0.0, -0", "1e6, 1e+06", "123456, 123456", "999999, 999999",
            "8388608, 8.388608e+06", "0.1, 0.1", "3.4028235e38, 3.4028235e+38", "1.4e-45, 1e-45",
            "1.17549435e-38, 1.1754944e-38", "0.00001, 1e-05", "-32767.4, -32767.4", "2.8e-45, 3e-45"})
    void floatsPrintAsPostgresPrintsThem(float value, String printed) {
        assertThat(FloatText.formatFloat(value)).isEqualTo(printed);
    }

    @Test
    void printedTextReadsBackToTheSameBits() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 200_000; i++) {
            double d = Double.longBitsToDouble(random.nextLong());
            float f = Float.intBitsToFloat(random.nextInt());
            if (!Double.isNaN(d)) {
                assertThat(Double.doubleToRawLongBits(Double.parseDouble(FloatText.formatDouble(d))))
                        .isEqualTo(Double.doubleToRawLongBits(d));
            }
            if (!Float.isNaN(f)) {
                assertThat(Float.floatToRawIntBits(Float.parseFloat(FloatText.formatFloat(f))))
                        .isEqualTo(Float.floatToRawIntBits(f));
            }
        }
    }

    @Test
    void subnormalsGetTheNearestSingleDigitWhereOneReadsBack() {
        for (long bits = 1; bits < 5_000; bits++) {
            double d = Double.longBitsToDouble(bits);
            String text = FloatText.formatDouble(d);
            assertThat(Double.parseDouble(text)).isEqualTo(d);
        }
        assertThat(FloatText.formatDouble(Double.longBitsToDouble(2))).isEqualTo("1e-323");
        assertThat(FloatText.formatDouble(Double.longBitsToDouble(3))).isEqualTo("1.5e-323");
    }
}

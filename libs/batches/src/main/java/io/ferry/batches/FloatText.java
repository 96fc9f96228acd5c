package io.ferry.batches;

import java.math.BigDecimal;
import java.util.function.Predicate;

/**
 * Prints {@code real} and {@code double precision} values exactly as PostgreSQL 12+ does with
 * {@code extra_float_digits > 0}: the shortest decimal that reads back to the same binary value
 * (Ryu), fixed notation for decimal exponents from -4 up to 5 ({@code real}) or 14 ({@code double
 * precision}), otherwise {@code d.ddde+XX}; {@code NaN}, {@code Infinity}, {@code -Infinity},
 * {@code -0}. Java's {@code toString} (JDK 19+) finds the same shortest digits, except that where a
 * single digit would do it may print two (subnormals only, e.g. {@code 4.9E-324} where PostgreSQL
 * prints {@code 5e-324}); that case is put right here, so the text matches PostgreSQL's.
 *
 * <p>Parsing uses {@link Double#parseDouble} and {@link Float#parseFloat}, which read every form
 * PostgreSQL prints, round correctly, and give {@code -0.0} for {@code -0}.
 */
final class FloatText {

    private FloatText() {
    }

    static String formatDouble(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v) || v == 0) {
            return special(v);
        }
        Shortest s = Shortest.of(Double.toString(v));
        if (Math.abs(v) < Double.MIN_NORMAL && s.digits.length() == 2) {
            s = s.oneDigitIfItReadsBack(c -> Double.parseDouble(c) == v, new BigDecimal(v));
        }
        return s.layout(15);
    }

    static String formatFloat(float v) {
        if (Float.isNaN(v) || Float.isInfinite(v) || v == 0) {
            return special(v);
        }
        Shortest s = Shortest.of(Float.toString(v));
        if (Math.abs(v) < Float.MIN_NORMAL && s.digits.length() == 2) {
            s = s.oneDigitIfItReadsBack(c -> Float.parseFloat(c) == v, new BigDecimal(v));
        }
        return s.layout(6);
    }

    private static String special(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "Infinity" : "-Infinity";
        }
        return Double.doubleToRawLongBits(v) < 0 ? "-0" : "0";
    }

    /** A nonzero finite value as significant digits (no leading or trailing zeros) and a decimal exponent. */
    private record Shortest(boolean negative, String digits, int exponent) {

        /** Reads Java's {@code toString} output: {@code -123.45}, {@code 0.001}, {@code 1.0E-5}. */
        static Shortest of(String java) {
            boolean negative = java.charAt(0) == '-';
            int e = java.indexOf('E');
            int mantissaEnd = e < 0 ? java.length() : e;
            int exponent = e < 0 ? 0 : Integer.parseInt(java, e + 1, java.length(), 10);
            StringBuilder all = new StringBuilder(mantissaEnd);
            int point = -1;
            for (int i = negative ? 1 : 0; i < mantissaEnd; i++) {
                char c = java.charAt(i);
                if (c == '.') {
                    point = all.length();
                } else {
                    all.append(c);
                }
            }
            if (point < 0) {
                point = all.length();
            }
            int first = 0;
            while (all.charAt(first) == '0') {
                first++;
            }
            int last = all.length();
            while (all.charAt(last - 1) == '0') {
                last--;
            }
            return new Shortest(negative, all.substring(first, last), point - first - 1 + exponent);
        }

        /**
         * Ryu's choice where Java kept two digits: of the one-digit decimals next to this value, the
         * one that reads back to it, or, if both do, the nearer (the even one on a tie).
         */
        Shortest oneDigitIfItReadsBack(Predicate<String> readsBack, BigDecimal exact) {
            int d = digits.charAt(0) - '0';
            Shortest down = new Shortest(negative, Integer.toString(d), exponent);
            Shortest up = d == 9 ? new Shortest(negative, "1", exponent + 1)
                    : new Shortest(negative, Integer.toString(d + 1), exponent);
            boolean downOk = readsBack.test(down.scientific());
            boolean upOk = readsBack.test(up.scientific());
            if (downOk && upOk) {
                int cmp = exact.subtract(down.value()).abs().compareTo(exact.subtract(up.value()).abs());
                return cmp < 0 || (cmp == 0 && d % 2 == 0) ? down : up;
            }
            return downOk ? down : upOk ? up : this;
        }

        private String scientific() {
            return (negative ? "-" : "") + digits + "e" + exponent;
        }

        private BigDecimal value() {
            return new BigDecimal(scientific());
        }

        /** PostgreSQL's layout: fixed notation for exponents in [-4, fixedBelow), else {@code d.ddde+XX}. */
        String layout(int fixedBelow) {
            int n = digits.length();
            StringBuilder out = new StringBuilder(n + 8);
            if (negative) {
                out.append('-');
            }
            if (exponent >= -4 && exponent < fixedBelow) {
                if (exponent < 0) {
                    out.append("0.");
                    out.repeat('0', -exponent - 1);
                    out.append(digits);
                } else if (n <= exponent + 1) {
                    out.append(digits);
                    out.repeat('0', exponent + 1 - n);
                } else {
                    out.append(digits, 0, exponent + 1).append('.').append(digits, exponent + 1, n);
                }
            } else {
                out.append(digits.charAt(0));
                if (n > 1) {
                    out.append('.').append(digits, 1, n);
                }
                int abs = Math.abs(exponent);
                out.append(exponent < 0 ? "e-" : "e+");
                if (abs < 10) {
                    out.append('0');
                }
                out.append(abs);
            }
            return out.toString();
        }
    }
}

package io.ferry.anonymize.strategy;

/** The {@code redact} strategy. */
final class Masks {

    private Masks() {
    }

    /**
     * Letters become {@code x} (upper-case {@code X}), digits {@code 0}, everything else stays: the shape without
     * the content. A bytea text ({@code \x...}) becomes the empty bytea {@code \x}.
     */
    static String redact(String value) {
        if (value.startsWith("\\x")) {
            return "\\x";
        }
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isLetter(cp)) {
                out.append(Character.isUpperCase(cp) || Character.isTitleCase(cp) ? 'X' : 'x');
            } else if (Character.isDigit(cp)) {
                out.append('0');
            } else {
                out.appendCodePoint(cp);
            }
        }
        return out.toString();
    }
}

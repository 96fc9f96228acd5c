package io.ferry.anonymize.text;

import java.util.List;
import java.util.Set;

/**
 * English words that are also people's names somewhere ({@code In}, {@code An}, {@code So}, {@code See},
 * {@code Will}, {@code May}, {@code Hope}, {@code Page}, ...): Datafaker's own lists hold them, and so does a
 * district of a few thousand people. When such a word is a dictionary hit, replacing every occurrence would
 * rewrite ordinary prose ({@code in}, {@code so}, {@code will}), so these hits are replaced only where the
 * word reads as a name:
 * <ul>
 * <li>{@link #FUNCTION} words (articles, pronouns, prepositions, auxiliaries, very frequent words): only when
 *     written with a capital and a lower-case letter and not at the start of a sentence;</li>
 * <li>{@link #COMMON} words (ordinary words that are common given names or surnames): only when written with a
 *     capital and a lower-case letter, or in capitals inside mostly lower-case text;</li>
 * <li>either kind, also when the next or previous word is a name being replaced and written alike (separated
 *     by spaces, or by a comma when both are capitalised): {@code Will Vandermolen}, {@code HILL, NEVILLE};</li>
 * <li>either kind, also when the word is part of an email address in the same text
 *     ({@code Art emailed from art.mayert@...}).</li>
 * </ul>
 * Every other dictionary hit is replaced in any case. The lists are not exhaustive: a name that is also a word
 * outside them is replaced everywhere (a false positive, never a leak).
 */
final class CommonWords {

    private CommonWords() {
    }

    static final Set<String> FUNCTION = Set.copyOf(List.of(
            "a", "about", "above", "after", "again", "against", "ago", "all", "almost", "along", "also", "am", "among",
            "an", "and", "another", "any", "are", "around", "as", "at", "away", "be", "because", "been", "before",
            "being", "below", "between", "both", "but", "by", "came", "can", "come", "could", "day", "did", "do",
            "does", "done", "down", "during", "each", "either", "else", "enough", "even", "ever", "every", "few",
            "for", "from", "gave", "get", "give", "go", "going", "got", "had", "has", "have", "he", "her", "here",
            "hers", "him", "his", "how", "however", "if", "in", "into", "is", "it", "its", "just", "less", "let",
            "like", "made", "make", "many", "me", "might", "more", "most", "much", "must", "my", "near", "need",
            "neither", "never", "no", "nor", "not", "now", "of", "off", "often", "oh", "ok", "on", "once", "one",
            "only", "onto", "or", "other", "our", "ours", "out", "over", "per", "please", "put", "quite", "rather",
            "re", "said", "same", "saw", "say", "see", "seen", "shall", "she", "should", "since", "so", "some", "soon",
            "still", "such", "take", "than", "thank", "thanks", "that", "the", "their", "them", "then", "there",
            "these", "they", "this", "those", "though", "through", "thus", "till", "to", "too", "took", "toward",
            "two", "un", "under", "until", "up", "upon", "us", "very", "via", "was", "way", "we", "well", "went",
            "were", "what", "when", "where", "whether", "which", "while", "who", "whom", "whose", "why", "with",
            "within", "without", "would", "yes", "yet", "you", "your", "yours", "ha", "hi", "ma", "pa", "man", "men",
            "miss", "mr", "mrs", "ms", "dr", "sir", "son", "sun", "mon", "tue", "wed", "thu", "fri", "sat", "am",
            "pm", "no", "de", "la", "le", "el", "van", "von", "der", "den", "du", "di", "da", "del", "los", "las",
            "three", "four", "five", "six", "seven", "eight", "nine", "ten", "first", "second", "third", "next",
            "last", "new", "old", "good", "great", "best", "better", "big", "small", "high", "low", "own", "sure",
            "able", "back", "full", "hard", "kind", "real", "true", "whole", "part", "time", "work", "class", "page",
            "unit", "test", "quiz", "lab", "note", "notes", "grade", "grades", "home", "school", "today", "week",
            "year", "term", "help", "keep", "nice", "fine", "late", "early", "absent", "tardy", "mom", "dad",
            "thanksgiving", "christmas", "easter", "math", "science", "reading", "writing", "english", "spanish",
            "history", "art", "music", "band", "choir", "gym", "health"));

    static final Set<String> COMMON = Set.copyOf(List.of(
            "will", "may", "june", "april", "august", "january", "march", "july", "summer", "autumn", "winter",
            "spring", "hope", "joy", "love", "grace", "faith", "charity", "patience", "mercy", "honor", "constance",
            "prudence", "chance", "bliss", "harmony", "destiny", "trinity", "justice", "liberty", "precious",
            "unique", "rose", "lily", "ivy", "iris", "daisy", "violet", "hazel", "olive", "holly", "heather",
            "fern", "sage", "jade", "ruby", "pearl", "opal", "amber", "crystal", "coral", "jewel", "star", "sky",
            "rain", "river", "ocean", "storm", "dawn", "eve", "echo", "era", "nova", "moon", "bee", "bell", "fay",
            "gay", "lady", "tiny", "sunny", "honey", "sandy", "rusty", "penny", "rich", "rod", "reed", "guy",
            "glen", "gale", "drew", "dale", "dean", "dee", "lee", "lane", "ray", "sol", "mark", "bill", "jack",
            "pat", "sue", "don", "frank", "earl", "king", "major", "miles", "chase", "hunter", "young", "long",
            "little", "white", "green", "brown", "gray", "grey", "black", "price", "hand", "hill", "ward", "west",
            "wolf", "rice", "toy", "beer", "bins", "dare", "wood", "stone", "field", "hall", "cook", "baker",
            "mason", "carter", "turner", "walker", "miller", "fisher", "hunt", "bird", "fox", "lamb", "love",
            "mann", "lang", "hue", "cruz", "song", "ping", "hang", "many", "lean", "bell", "cole", "dot", "ok",
            "royal", "regal", "noble", "sterling", "buck", "bud", "coy", "curt", "gene", "herb", "tad", "wade",
            "bob", "max", "fawn", "kit", "lucky", "misty", "candy", "brandy", "ginger", "sparkle", "sunshine",
            "angel", "baby", "happy", "rocky"));
}

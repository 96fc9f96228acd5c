package io.ferry.estate.model;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import net.datafaker.Faker;

/**
 * Word pools drawn once from Datafaker with a fixed seed and locale: names, streets, cities. Values
 * are then picked from the pools with the estate's seeded streams, which is fast, thread-safe and
 * deterministic (Datafaker is never asked for anything that depends on "now").
 */
public final class Pools {
    public final List<String> femaleFirst;
    public final List<String> maleFirst;
    public final List<String> last;
    public final List<String> streets;
    public final List<String> cities;

    private static volatile Pools instance;

    private Pools() {
        Faker f = new Faker(Locale.US, new Random(20240901L));
        femaleFirst = distinct(() -> f.name().femaleFirstName(), 700, 6000);
        maleFirst = distinct(() -> f.name().maleFirstName(), 700, 6000);
        last = distinct(() -> f.name().lastName(), 900, 8000);
        streets = distinct(() -> f.address().streetName(), 1500, 8000);
        cities = distinct(() -> f.address().cityName(), 400, 8000);
    }

    public static Pools get() {
        Pools p = instance;
        if (p == null) {
            synchronized (Pools.class) {
                p = instance;
                if (p == null) {
                    p = new Pools();
                    instance = p;
                }
            }
        }
        return p;
    }

    private static List<String> distinct(Supplier<String> s, int want, int maxTries) {
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < maxTries && out.size() < want; i++) {
            String v = s.get().trim();
            if (!v.isEmpty() && v.chars().allMatch(c -> Character.isLetter(c) || c == ' ' || c == '\'' || c == '-' || c == '.')) {
                out.add(v);
            }
        }
        return List.copyOf(new ArrayList<>(out));
    }
}

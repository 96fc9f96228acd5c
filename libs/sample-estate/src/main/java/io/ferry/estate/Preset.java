package io.ferry.estate;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Sizes of the sample estate. Students per PROD district, largest first (district-001 = rank 1). */
public enum Preset {
    /** 3 districts, about 30 k rows: for tests. */
    SMALL(new int[] {1300, 850, 520}),
    /** 6 districts, about 150 k rows, the largest about 40 k: the demo default. */
    MEDIUM(new int[] {3500, 3000, 2500, 2000, 1400, 900}),
    /** 12 districts; district-001 has 75,000 students, 8,000 staff and 150 schools. */
    LARGE(new int[] {75000, 12000, 9000, 7000, 5500, 4500, 3500, 2800, 2200, 1600, 1100, 700});

    private final int[] students;

    Preset(int[] students) {
        this.students = students;
    }

    /** Students of each PROD district in rank order (strictly decreasing). */
    public List<Integer> studentsPerDistrict() {
        return Arrays.stream(students).boxed().toList();
    }

    public int districts() {
        return students.length;
    }

    /** Case-insensitive; a clear error lists the choices. */
    public static Preset parse(String s) {
        if (s != null) {
            String t = s.trim().toUpperCase(Locale.ROOT);
            for (Preset p : values()) {
                if (p.name().equals(t)) {
                    return p;
                }
            }
        }
        throw new IllegalArgumentException("unknown preset '" + s + "'; choose one of: "
                + Arrays.stream(values()).map(p -> p.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}

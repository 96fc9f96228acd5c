package io.ferry.planning.districts;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Orders districts for selection: the priority list first, in its order, then the rest by size
 * (rows, largest first), then by latest activity (most recent first, none last), then by id.
 */
public final class DistrictRanking {

    static final Comparator<DistrictFootprint> BY_SIZE_AND_ACTIVITY = Comparator
            .comparingLong(DistrictFootprint::rows).reversed()
            .thenComparing(DistrictFootprint::lastActivity, Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(DistrictFootprint::id);

    private DistrictRanking() {
    }

    /**
     * @param priority district ids to put first, in this order
     * @param top      how many to keep; 0 or less keeps all
     * @return the districts in rank order (rank = position + 1)
     * @throws NoSuchElementException when a priority names no district
     */
    public static List<DistrictFootprint> rank(List<DistrictFootprint> districts, List<String> priority, int top) {
        Map<String, DistrictFootprint> byId = districts.stream()
                .collect(Collectors.toMap(DistrictFootprint::id, Function.identity()));
        List<DistrictFootprint> ranked = new ArrayList<>();
        for (String id : priority) {
            DistrictFootprint d = byId.get(id);
            if (d == null) {
                throw new NoSuchElementException("district '" + id + "' is not in the estate");
            }
            if (!ranked.contains(d)) {
                ranked.add(d);
            }
        }
        districts.stream().filter(d -> !ranked.contains(d)).sorted(BY_SIZE_AND_ACTIVITY).forEach(ranked::add);
        return top > 0 && top < ranked.size() ? List.copyOf(ranked.subList(0, top)) : ranked;
    }
}

package io.ferry.planning.districts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code district-manifest.json} (DESIGN.md, Interfaces): the ranked districts with their estimated
 * size, people, latest activity and migration time, for choosing which district to copy.
 */
public record DistrictManifest(String asOf, List<Entry> districts) {

    public static final String FILE = "district-manifest.json";
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** One district; {@code students}, {@code staff}, {@code schools}, {@code lastActivity} null when unknown. */
    public record Entry(String id, int rank, long rows, long bytesEstimate, Long students, Long staff, Long schools,
            String lastActivity, long etaSeconds, List<StoreRows> stores) {
    }

    public record StoreRows(String store, long rows, long bytes) {
    }

    public DistrictManifest {
        districts = List.copyOf(districts);
    }

    /**
     * @param ranked        the districts in rank order
     * @param rowsPerSecond the copy rate the estimated time assumes
     */
    public static DistrictManifest of(Instant asOf, List<DistrictFootprint> ranked, long rowsPerSecond) {
        List<Entry> entries = new ArrayList<>();
        for (DistrictFootprint d : ranked) {
            List<StoreRows> stores = d.rowsByStore().keySet().stream()
                    .map(s -> new StoreRows(s, d.rowsByStore().get(s), d.bytesByStore().getOrDefault(s, 0L))).toList();
            entries.add(new Entry(d.id(), entries.size() + 1, d.rows(), d.bytes(), d.students(), d.staff(), d.schools(),
                    d.lastActivity(), (d.rows() + rowsPerSecond - 1) / rowsPerSecond, stores));
        }
        return new DistrictManifest(asOf.toString(), entries);
    }

    public String json() {
        try {
            return MAPPER.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write the district manifest", e);
        }
    }

    public static DistrictManifest read(String json) {
        try {
            return MAPPER.readValue(json, DistrictManifest.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a district manifest: " + e.getOriginalMessage(), e);
        }
    }

    /** Writes {@code dir/district-manifest.json}, creating {@code dir}; returns the file. */
    public Path write(Path dir) {
        try {
            Files.createDirectories(dir);
            return Files.writeString(dir.resolve(FILE), json() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + dir.resolve(FILE), e);
        }
    }
}

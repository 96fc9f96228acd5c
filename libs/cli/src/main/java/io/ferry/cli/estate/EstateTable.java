package io.ferry.cli.estate;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferry.estate.DistrictSummary;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Prints the estate's districts with their rows per store, from {@code estate-summary.json}. */
public final class EstateTable {

    private static final List<String> STORES = List.of("ids", "hcp1", "hcp2", "adb", "sp");

    private EstateTable() {
    }

    public static void print(EstateLayout layout, PrintStream out) {
        EstateSummary summary;
        try {
            summary = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(layout.summary().toFile(), EstateSummary.class);
        } catch (IOException e) {
            out.println("(no summary in " + layout.summary() + ")");
            return;
        }
        out.println(render(summary));
    }

    static String render(EstateSummary summary) {
        List<String> header = new ArrayList<>(List.of("RANK", "DISTRICT", "STUDENTS", "STAFF", "SCHOOLS"));
        STORES.forEach(s -> header.add(s.toUpperCase(Locale.ROOT)));
        List<List<String>> rows = new ArrayList<>();
        rows.add(header);
        for (DistrictSummary d : summary.districts()) {
            List<String> row = new ArrayList<>(List.of(Integer.toString(d.rank()), d.code(),
                    Long.toString(d.students()), Long.toString(d.staff()), Long.toString(d.schools())));
            STORES.forEach(s -> row.add(Long.toString(d.rowsPerStore().getOrDefault(s, 0L))));
            rows.add(row);
        }
        List<String> total = new ArrayList<>(List.of("", "PROD total", "", "", ""));
        STORES.forEach(s -> total.add(Long.toString(summary.prodRowsPerStore().getOrDefault(s, 0L))));
        rows.add(total);

        int[] width = new int[header.size()];
        rows.forEach(r -> {
            for (int i = 0; i < r.size(); i++) {
                width[i] = Math.max(width[i], r.get(i).length());
            }
        });
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s estate, seed %d, as of %s%n", summary.preset(), summary.seed(),
                summary.asOf()));
        for (List<String> r : rows) {
            for (int i = 0; i < r.size(); i++) {
                String cell = r.get(i);
                sb.append(i < 2 ? String.format("%-" + width[i] + "s", cell) : String.format("%" + width[i] + "s", cell));
                sb.append(i == r.size() - 1 ? "" : "  ");
            }
            sb.append('\n');
        }
        return sb.toString().stripTrailing();
    }
}

package io.ferry.cli.doctor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Staging for {@code ferry doctor}: the root exists and takes a file, and its disk has room for what a run stages:
 * compared with PROD's PostgreSQL databases in all, a bound no district's batches reach ({@code ferry districts}
 * estimates each district's bytes).
 */
final class StagingCheck {

    private StagingCheck() {
    }

    static List<Check> check(Path root, long prodBytes) {
        List<Check> out = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            out.add(Check.fail("staging", root + " is not a folder: create it, or point --staging (or staging.root) at"
                    + " the services' staging root"));
            return out;
        }
        try {
            Path probe = Files.createTempFile(root, ".ferry-doctor-", ".tmp");
            Files.delete(probe);
            long free = Files.getFileStore(root).getUsableSpace();
            out.add(Check.ok("staging", root + " is writable"));
            String room = String.format(Locale.ROOT, "%s free; PROD's databases hold %s in all", size(free), size(prodBytes));
            out.add(free >= prodBytes ? Check.ok("staging", room)
                    : Check.warn("staging", room + ": a large district may not fit (ferry districts estimates each"
                            + " district's bytes; a run stages them about twice, raw and anonymized, compressed)"));
        } catch (IOException e) {
            out.add(Check.fail("staging", root + " does not take a file (" + e.getClass().getSimpleName()
                    + "): the services need to write there"));
        }
        return out;
    }

    static String size(long bytes) {
        return bytes >= 1L << 30 ? String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30))
                : String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20));
    }
}

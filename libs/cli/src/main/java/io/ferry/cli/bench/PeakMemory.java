package io.ferry.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The peak resident set size of the demo's service processes: {@code VmHWM} in {@code /proc/PID/status}, the
 * kernel's high-water mark of the process's resident memory, read while the process still runs. Pids come from
 * the demo's {@code services.pids}.
 */
final class PeakMemory {

    private PeakMemory() {
    }

    /** Per service, its peak RSS in bytes; a service whose process cannot be read is left out. */
    static Map<String, Long> ofServices(Path demoDir, List<String> services) throws IOException {
        Map<String, String> pids = pids(demoDir);
        Map<String, Long> peaks = new LinkedHashMap<>();
        for (String service : services) {
            Optional.ofNullable(pids.get(service)).flatMap(PeakMemory::highWaterMark)
                    .ifPresent(bytes -> peaks.put(service, bytes));
        }
        return peaks;
    }

    /** The demo's {@code services.pids}: service name to pid. */
    static Map<String, String> pids(Path demoDir) throws IOException {
        Map<String, String> pids = new LinkedHashMap<>();
        for (String line : Files.readAllLines(demoDir.resolve("services.pids"))) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                pids.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
        }
        return pids;
    }

    /** {@code VmHWM} of a live process, in bytes. */
    static Optional<Long> highWaterMark(String pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", pid, "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Optional.of(Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // gone, or not Linux: no figure
        }
        return Optional.empty();
    }
}

package io.ferry.coordinator.runs;

import io.ferry.spec.SpecHash;
import io.ferry.spec.model.Spec;
import io.ferry.spec.parse.Resolver;
import io.ferry.spec.parse.SpecParser;
import io.ferry.staging.Staging;
import io.ferry.staging.StagingLayout;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * The spec the coordinator works with: read from its file (connections left unresolved: the coordinator holds
 * none) and stored by hash under {@code staging/specs/}, where the phase services load the spec a command names.
 */
public final class StagedSpec {

    private final Staging staging;
    private final Path file;

    public StagedSpec(Staging staging, Path file) {
        this.staging = staging;
        this.file = file;
    }

    /** The spec as it is now, and its hash. */
    public record Current(Spec spec, String hash) {
    }

    /**
     * Reads the file (at every call, so an edit applies to the next run) and stages it if its hash is new.
     *
     * @throws io.ferry.spec.SpecException the spec does not read
     */
    public Current stage() {
        Spec spec = parse(file);
        String hash = SpecHash.of(spec);
        if (staging.stat(StagingLayout.spec(hash)).isEmpty()) {
            staging.put(StagingLayout.spec(hash), file);
        }
        return new Current(spec, hash);
    }

    /** A spec file read as the coordinator reads specs: its connections left unresolved. */
    public static Spec parse(Path file) {
        return new SpecParser(Resolver.forFolder(file.toAbsolutePath().getParent(), Map.of()), Set.of()).read(file);
    }
}

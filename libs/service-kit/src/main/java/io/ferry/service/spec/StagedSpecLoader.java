package io.ferry.service.spec;

import io.ferry.service.StepFailure;
import io.ferry.spec.SpecError;
import io.ferry.spec.SpecException;
import io.ferry.spec.SpecHash;
import io.ferry.spec.model.Spec;
import io.ferry.spec.parse.Resolver;
import io.ferry.spec.parse.SpecParser;
import io.ferry.staging.Staging;
import io.ferry.staging.StagingException;
import io.ferry.staging.StagingLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Loads {@code specs/{specHash}.yaml} from staging (whole, through a local temp file), parses it
 * resolving the connections of the given environments only (a service holds the credentials of one
 * environment at most, so it must not require the other's), checks that it hashes to the name it was
 * asked for, and keeps it: a spec is immutable under its hash. Errors carry the spec's file, line and
 * column, never a value from it.
 */
public final class StagedSpecLoader implements SpecLoader {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final Staging staging;
    private final SpecResolution resolution;
    private final Set<SpecParser.Environment> environments;
    private final Map<String, LoadedSpec> loaded = new ConcurrentHashMap<>();

    /**
     * @param environments whose connections must resolve: the extractor's PROD; none for a service that
     *                     opens no connection named in the spec
     */
    public StagedSpecLoader(Staging staging, SpecResolution resolution, Set<SpecParser.Environment> environments) {
        this.staging = staging;
        this.resolution = resolution;
        this.environments = Set.copyOf(environments);
    }

    @Override
    public LoadedSpec load(String specHash) {
        if (specHash == null || !SHA256.matcher(specHash).matches()) {
            throw StepFailure.fatal("SPEC_NOT_FOUND", "a spec hash is 64 lower-case hex digits");
        }
        LoadedSpec cached = loaded.get(specHash);
        if (cached != null) {
            return cached;
        }
        LoadedSpec spec = read(specHash);
        LoadedSpec raced = loaded.putIfAbsent(specHash, spec);
        return raced != null ? raced : spec;
    }

    private LoadedSpec read(String specHash) {
        String key = StagingLayout.spec(specHash);
        String text = fetch(specHash, key);
        Resolver resolver = resolution.resolver();
        Spec spec;
        try {
            spec = new SpecParser(resolver, environments).read(key, text, resolution.secretsFolder());
        } catch (SpecException e) {
            throw StepFailure.fatal("SPEC_INVALID", "spec " + specHash + " is invalid: "
                    + e.errors().stream().map(SpecError::toString).collect(Collectors.joining("; ")));
        }
        String actual = SpecHash.of(spec);
        if (!actual.equals(specHash)) {
            throw StepFailure.fatal("SPEC_INVALID", "spec " + key + " hashes to " + actual + ", not "
                    + specHash + "; a staged spec must be stored under its own hash");
        }
        return new LoadedSpec(specHash, spec, resolver);
    }

    private String fetch(String specHash, String key) {
        Path local = null;
        try {
            if (staging.stat(key).isEmpty()) {
                throw StepFailure.fatal("SPEC_NOT_FOUND", "spec " + specHash + " is not in staging (" + key + ")");
            }
            local = Files.createTempFile("ferry-spec-", ".yaml");
            staging.get(key, local);
            return new String(Files.readAllBytes(local), StandardCharsets.UTF_8);
        } catch (StagingException e) {
            throw StepFailure.transientFailure("STAGING_UNAVAILABLE", e.getMessage(), e);
        } catch (IOException e) {
            throw StepFailure.transientFailure("STAGING_UNAVAILABLE",
                    "cannot copy " + key + " to a local temp file (" + e.getClass().getSimpleName() + ")", e);
        } finally {
            deleteQuietly(local);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A spec holds no secret and no data: a leftover temp copy is only wasted space.
        }
    }
}

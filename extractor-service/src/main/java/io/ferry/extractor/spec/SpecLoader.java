package io.ferry.extractor.spec;

/**
 * Loads the spec a command names by hash. Throws
 * {@link io.ferry.extractor.extraction.ExtractionFailure} (fatal, {@code SPEC_NOT_FOUND} or
 * {@code SPEC_INVALID}) when staging has no such spec, it does not parse, or its hash differs.
 */
public interface SpecLoader {

    LoadedSpec load(String specHash);
}

package io.ferry.service.spec;

/**
 * Loads the spec a command names by hash. Throws {@link io.ferry.service.StepFailure} (fatal,
 * {@code SPEC_NOT_FOUND} or {@code SPEC_INVALID}) when staging has no such spec, it does not parse, or
 * its hash differs. An interface so that the command runtime is tested without staging.
 */
public interface SpecLoader {

    LoadedSpec load(String specHash);
}

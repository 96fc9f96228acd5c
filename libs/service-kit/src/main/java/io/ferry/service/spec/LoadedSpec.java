package io.ferry.service.spec;

import io.ferry.spec.model.Spec;
import io.ferry.spec.parse.Resolver;

/**
 * A run's spec as a service uses it: parsed from {@code specs/{specHash}.yaml} in staging, with the
 * resolver that turns its connection placeholders and secret files into this service's settings.
 */
public record LoadedSpec(String specHash, Spec spec, Resolver resolver) {
}

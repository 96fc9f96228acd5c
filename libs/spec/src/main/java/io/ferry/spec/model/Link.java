package io.ferry.spec.model;

/**
 * A reference the databases do not declare: across stores, from a JSON path, from a graph label, or a
 * virtual foreign key inside one store.
 *
 * @param cast     how to compare values whose types differ; null when they compare as stored
 * @param dangling this link's own policy; null to use {@code closure.dangling}
 */
public record Link(Ref from, Ref to, Cast cast, DanglingPolicy dangling) {
}

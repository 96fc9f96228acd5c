package io.ferry.spec.model;

/** An enum whose constants the spec writes in its own spelling ({@code parents-only}, {@code beforeLoad}). */
public interface SpecEnum {

    /** The spelling in {@code ferry.yaml}. */
    String word();
}

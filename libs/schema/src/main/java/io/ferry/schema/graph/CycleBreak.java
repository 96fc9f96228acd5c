package io.ferry.schema.graph;

import io.ferry.schema.model.Reference;

/** Where a cycle is broken ({@code reference}) and how ({@code method}). */
public record CycleBreak(Reference reference, BreakMethod method) {
}

/**
 * Anonymization rules and strategies: pure logic, no I/O. {@link io.ferry.anonymize.strategy.FieldRule} reads a
 * spec rule (data type, strategy, argument); {@link io.ferry.anonymize.strategy.Anonymizer} applies it with an
 * {@link io.ferry.anonymize.AnonymizationKey}, deterministically; {@link io.ferry.anonymize.strategy.ReservedRanges}
 * says whether a value lies where generated values live. See {@code docs/anonymization.md}.
 */
package io.ferry.anonymize.strategy;

/**
 * Free-text scrubbing: {@link io.ferry.anonymize.text.TextScrubber} replaces email addresses, phone numbers,
 * SSNs and the district's own names and identifiers (looked up as keyed hashes in the preflight's token
 * dictionary) in free text and in the unruled string leaves of JSON values, consistently under a key and
 * without a stored mapping. See {@code docs/scrubbing.md}.
 */
package io.ferry.anonymize.text;

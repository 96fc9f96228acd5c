package io.ferry.classify;

import io.ferry.anonymize.classify.Field;
import java.util.List;
import java.util.Objects;

/**
 * A field of PROD with up to n of its non-null values as text, for the classifier. The values are held
 * only in memory; {@link #toString} shows the field and the number of values, never the values.
 */
public record SampledField(Field field, List<String> samples) {

    public SampledField {
        Objects.requireNonNull(field, "field");
        samples = List.copyOf(samples);
    }

    @Override
    public String toString() {
        return field + " (" + samples.size() + " samples)";
    }
}

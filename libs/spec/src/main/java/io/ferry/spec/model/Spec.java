package io.ferry.spec.model;

import io.ferry.schema.mapping.DriftRule;
import io.ferry.schema.model.EstateSchema;
import io.ferry.schema.model.Reference;
import io.ferry.spec.SpecReferences;
import io.ferry.spec.SpecSource;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed {@code ferry.yaml}. Holds no secret: connections name where passwords come from.
 *
 * @param stores   by name, in the spec's order
 * @param schedule null when the spec has none
 * @param drift    {@code validate.drift}: how columns that differ between PROD and CERT are mapped
 * @param districts {@link Districts#NONE} when the spec has none
 * @param source   file and key locations, for errors found after parsing; not part of the spec's meaning
 */
public record Spec(int version, Map<String, Store> stores, Tenant tenant, List<Link> links, Closure closure,
        Anonymize anonymize, List<ValidateRule> validate, List<DriftRule> drift, Load load, List<ApprovalGate> approval, Schedule schedule,
        Districts districts, SpecSource source) {

    public Spec {
        stores = Maps.ordered(stores);
        links = List.copyOf(links);
        validate = List.copyOf(validate);
        drift = List.copyOf(drift);
        approval = List.copyOf(approval);
    }

    /** The links as schema references (origin LINK, JSON_PATH or VIRTUAL); see {@link SpecReferences}. */
    public List<Reference> specReferences(EstateSchema schema) {
        return SpecReferences.of(this, schema);
    }

    public Optional<Store> store(String name) {
        return Optional.ofNullable(stores.get(name));
    }
}

package io.promoagent.schema.model;

import io.promoagent.schema.ir.Filter;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A named business rule: a predicate over one entity, written in the query IR's filter language,
 * optionally with parameters ({@code recent_orders(days = 30)}).
 *
 * <p>The predicate is kept as JSON text in which {@code {"param": "days"}} stands for a parameter's value;
 * {@link DataModel#expandRule} substitutes the arguments and returns the filter.
 *
 * @param name          the name queries use
 * @param entity        the entity whose records it selects
 * @param description   what it means, for people and models
 * @param synonyms      other names people use ("big spenders")
 * @param parameters    its parameters, with defaults
 * @param predicateJson the predicate, as canonical JSON text
 */
public record Rule(
        String name,
        String entity,
        String description,
        List<String> synonyms,
        List<RuleParameter> parameters,
        String predicateJson) {

    public Rule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(entity, "entity");
        description = description == null ? "" : description;
        synonyms = List.copyOf(synonyms);
        parameters = List.copyOf(parameters);
        Objects.requireNonNull(predicateJson, "predicateJson");
    }

    public Optional<RuleParameter> parameter(String parameterName) {
        return parameters.stream().filter(p -> p.name().equals(parameterName)).findFirst();
    }

    /**
     * The predicate with {@code {"param": NAME}} replaced by the argument's value, or the parameter's
     * default.
     *
     * @throws io.promoagent.schema.validate.InvalidQueryException for an unknown parameter, a missing
     *         argument or a value of the wrong type
     */
    public Filter expand(Map<String, Object> args) {
        return RuleExpansion.expand(this, args);
    }
}

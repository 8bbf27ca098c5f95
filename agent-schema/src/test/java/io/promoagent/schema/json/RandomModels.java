package io.promoagent.schema.json;

import io.promoagent.schema.ir.AggregateFunction;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.model.EnumValue;
import io.promoagent.schema.model.Field;
import io.promoagent.schema.model.FieldType;
import io.promoagent.schema.model.Measure;
import io.promoagent.schema.model.MeasureExpression;
import io.promoagent.schema.model.Rule;
import io.promoagent.schema.model.RuleParameter;
import io.promoagent.schema.model.Visibility;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Random data models: one to three entities chained by many-to-one relationships, fields of every type
 * and visibility, some rules (with or without a parameter) and measures.
 *
 * <p>Names carry a prefix by kind so that a test can search the schema's text for one: {@code e} entities,
 * {@code f_} visible fields, {@code h_} hidden fields, {@code n_} relationships, {@code r_} rules,
 * {@code m_} measures, {@code mval_} and {@code uval_} the values of model- and ui-visible enums.
 */
final class RandomModels {

    private RandomModels() {
    }

    record FieldSpec(String suffix, FieldType type, Visibility visibility) {
        String name() {
            return (visibility == Visibility.HIDDEN ? "h_" : "f_") + suffix;
        }
    }

    record EntitySpec(List<FieldSpec> fields, boolean linked, boolean rule, boolean ruleParameter, boolean measure) {
    }

    static Arbitrary<DataModel> models() {
        Arbitrary<FieldSpec> fields = Combinators.combine(
                Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(6),
                Arbitraries.of(FieldType.class),
                Arbitraries.frequency(
                        net.jqwik.api.Tuple.of(3, Visibility.MODEL),
                        net.jqwik.api.Tuple.of(1, Visibility.UI),
                        net.jqwik.api.Tuple.of(1, Visibility.HIDDEN))).as(FieldSpec::new);
        Arbitrary<Boolean> coin = Arbitraries.of(true, false);
        Arbitrary<EntitySpec> entities = Combinators.combine(fields.list().ofMaxSize(6), coin, coin, coin, coin)
                .as(EntitySpec::new);
        return entities.list().ofMinSize(1).ofMaxSize(3).map(RandomModels::build);
    }

    static DataModel build(List<EntitySpec> specs) {
        DataModel.Builder model = DataModel.builder().source("main", "memory");
        for (int i = 0; i < specs.size(); i++) {
            EntitySpec spec = specs.get(i);
            String name = "e" + i;
            boolean linked = i > 0 && spec.linked();
            Entity.Builder entity = Entity.builder(name).source("main").description("Entity " + i).key("f_id")
                    .field("f_id", FieldType.STRING);
            Set<String> names = new HashSet<>(Set.of("f_id", "f_ref"));
            if (linked) {
                entity.field("f_ref", FieldType.STRING);
            }
            for (FieldSpec f : spec.fields()) {
                if (names.add(f.name())) {
                    entity.field(field(f));
                }
            }
            model.entity(entity.build());
            if (linked) {
                model.manyToOne("n_up" + i, name + ".f_ref", "e" + (i - 1) + ".f_id", "n_down" + i);
            }
            if (spec.rule()) {
                List<RuleParameter> parameters = spec.ruleParameter()
                        ? List.of(new RuleParameter("p_code", FieldType.STRING, Optional.of("x")))
                        : List.of();
                String value = spec.ruleParameter() ? "{\"param\":\"p_code\"}" : "\"x\"";
                model.rule(new Rule("r_" + i, name, "", List.of(), parameters,
                        "{\"type\":\"compare\",\"field\":\"f_id\",\"op\":\"eq\",\"value\":" + value + "}"));
            }
            if (spec.measure()) {
                model.measure(new Measure("m_" + i, name, "", List.of(), new MeasureExpression.Aggregation(
                        AggregateFunction.COUNT, Optional.empty(), Optional.empty())));
            }
        }
        return model.build();
    }

    private static Field field(FieldSpec spec) {
        Field f = Field.of(spec.name(), spec.type()).withVisibility(spec.visibility());
        if (spec.type() == FieldType.ENUM) {
            String prefix = spec.visibility() == Visibility.MODEL ? "mval_" : "uval_";
            f = f.withValues(EnumValue.of(prefix + spec.suffix() + "1"), EnumValue.of(prefix + spec.suffix() + "2"));
        }
        return f;
    }
}

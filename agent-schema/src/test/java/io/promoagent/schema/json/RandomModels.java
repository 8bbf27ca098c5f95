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
import java.util.Random;

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

    /** A random model: one to three entities of up to six random fields each. */
    static DataModel model(Random random) {
        Gen<String> suffixes = r -> {
            StringBuilder sb = new StringBuilder();
            for (int i = 1 + r.nextInt(6); i > 0; i--) {
                sb.append((char) ('a' + r.nextInt(26)));
            }
            return sb.toString();
        };
        Gen<FieldType> types = Gen.of(FieldType.values());
        // three in five fields are visible to the model, one shown to people only, one hidden
        Gen<Visibility> visibilities = Gen.of(Visibility.MODEL, Visibility.MODEL, Visibility.MODEL, Visibility.UI,
                Visibility.HIDDEN);
        Gen<FieldSpec> fields = r -> new FieldSpec(suffixes.next(r), types.next(r), visibilities.next(r));
        Gen<EntitySpec> entities = r -> new EntitySpec(fields.list(0, 6).next(r), r.nextBoolean(), r.nextBoolean(),
                r.nextBoolean(), r.nextBoolean());
        return build(entities.list(1, 3).next(random));
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

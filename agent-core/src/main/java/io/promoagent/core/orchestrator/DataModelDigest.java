package io.promoagent.core.orchestrator;

import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.model.EnumValue;
import io.promoagent.schema.model.Field;
import io.promoagent.schema.model.FieldType;
import io.promoagent.schema.model.Measure;
import io.promoagent.schema.model.Navigation;
import io.promoagent.schema.model.Rule;
import io.promoagent.schema.model.RuleParameter;
import io.promoagent.schema.model.Visibility;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A short text description of a data model for a system prompt: entities, fields with types and enum
 * values, relationships, rules and measures.
 *
 * <p>It is made from declarations only, never from data: {@code hidden} fields are left out, and of a
 * {@code ui} field only the name and type appear, marked as values the model never sees (enum values
 * included).
 */
final class DataModelDigest {

    private static final int MAX_DESCRIPTION = 120;

    private DataModelDigest() {
    }

    public static String of(DataModel model) {
        StringBuilder sb = new StringBuilder();
        sb.append("Entities (field:type, string if none, [values]; values hidden: filter only on values the user gives; "
                + "a rule is a query filter, a measure an aggregate):\n");
        for (Entity e : model.entities()) {
            sb.append("- ").append(e.name());
            // no key: the query engine chooses how to read, a model only names fields
            appendDescription(sb, e.description());
            sb.append('\n');
            List<String> fields = new ArrayList<>();
            for (Field f : e.fields()) {
                if (f.visibility() != Visibility.HIDDEN) {
                    fields.add(field(f));
                }
            }
            sb.append("  fields: ").append(String.join("; ", fields)).append('\n');
            Map<String, Navigation> navigations = model.navigations(e.name());
            if (!navigations.isEmpty()) {
                List<String> related = new ArrayList<>();
                navigations.forEach((name, n) -> related.add(name + " -> " + (n.toMany() ? "many " : "one ") + n.to()));
                sb.append("  related: ").append(String.join("; ", related)).append('\n');
            }
            // rules and measures under their entity: it need not be named on each
            for (Rule r : model.rules()) {
                if (r.entity().equals(e.name())) {
                    sb.append("  rule ").append(r.name());
                    List<String> parameters = new ArrayList<>();
                    for (RuleParameter p : r.parameters()) {
                        // a default shows the type
                        parameters.add(p.name() + p.defaultValue().map(d -> " = " + d)
                                .orElseGet(() -> " " + type(p.type().name())));
                    }
                    if (!parameters.isEmpty()) {
                        sb.append(" (").append(String.join("; ", parameters)).append(')');
                    }
                    appendDescription(sb, r.description());
                    sb.append('\n');
                }
            }
            for (Measure m : model.measures()) {
                if (m.entity().equals(e.name())) {
                    sb.append("  measure ").append(m.name());
                    appendDescription(sb, m.description());
                    sb.append('\n');
                }
            }
        }
        return sb.toString();
    }

    /**
     * The names the digest describes: entities, fields (with the paths through relationships, such as
     * {@code customer.segment}), rules, measures and relationships.
     */
    static Set<String> names(DataModel model) {
        Set<String> names = new HashSet<>();
        for (Entity e : model.entities()) {
            names.add(e.name());
            e.fields().stream().filter(f -> f.visibility() != Visibility.HIDDEN).forEach(f -> names.add(f.name()));
            model.navigations(e.name()).forEach((name, n) -> {
                names.add(name);
                model.entity(n.to()).ifPresent(target -> target.fields().stream()
                        .filter(f -> f.visibility() != Visibility.HIDDEN)
                        .forEach(f -> names.add(name + "." + f.name())));
            });
        }
        model.rules().forEach(r -> names.add(r.name()));
        model.measures().forEach(m -> names.add(m.name()));
        return names;
    }

    // synonyms are the offline planner's: a model knows that "ltv" means lifetime value, and with them the
    // digest was twice as long
    private static String field(Field f) {
        StringBuilder s = new StringBuilder(f.name());
        boolean valuesShown = f.visibility() != Visibility.UI && !f.values().isEmpty();
        if (f.type() != FieldType.STRING && !(f.type() == FieldType.ENUM && valuesShown)) {
            s.append(':').append(type(f.type().name()));
        }
        if (f.visibility() == Visibility.UI) {
            return s.append(" (values hidden)").toString();
        }
        if (!f.values().isEmpty()) {
            List<String> values = new ArrayList<>();
            for (EnumValue v : f.values()) {
                values.add(v.value());
            }
            s.append(" [").append(String.join(", ", values)).append(']');
        }
        return s.toString();
    }

    private static String type(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private static void appendDescription(StringBuilder sb, String description) {
        if (description == null || description.isBlank()) {
            return;
        }
        String d = description.strip().replace('\n', ' ');
        if (d.length() > MAX_DESCRIPTION) {
            d = d.substring(0, MAX_DESCRIPTION - 1) + "…";
        }
        sb.append(": ").append(d);
        if (!d.endsWith(".") && !d.endsWith("…")) {
            sb.append('.');
        }
    }
}

package io.promoagent.core.orchestrator;

import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.model.EnumValue;
import io.promoagent.schema.model.Field;
import io.promoagent.schema.model.Measure;
import io.promoagent.schema.model.Navigation;
import io.promoagent.schema.model.Rule;
import io.promoagent.schema.model.RuleParameter;
import io.promoagent.schema.model.Visibility;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
        sb.append("Entities (field: type; [enum values]; \"values hidden\" = you never see its values but may "
                + "filter on values the user gives):\n");
        for (Entity e : model.entities()) {
            sb.append("- ").append(e.name());
            appendDescription(sb, e.description());
            if (!e.synonyms().isEmpty()) {
                sb.append(" Also called: ").append(String.join(", ", e.synonyms())).append('.');
            }
            sb.append(" Key: ").append(e.key().partition());
            e.key().sort().ifPresent(s -> sb.append(", ").append(s));
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
        }
        if (!model.rules().isEmpty()) {
            sb.append("Rules (filter {\"type\":\"rule\",\"rule\":NAME,\"args\":{...}}):\n");
            for (Rule r : model.rules()) {
                sb.append("- ").append(r.name()).append(" (").append(r.entity());
                for (RuleParameter p : r.parameters()) {
                    sb.append("; ").append(p.name()).append(' ').append(type(p.type().name()));
                    p.defaultValue().ifPresent(d -> sb.append(" = ").append(d));
                }
                sb.append(')');
                appendDescription(sb, r.description());
                if (!r.synonyms().isEmpty()) {
                    sb.append(" Also: ").append(String.join(", ", r.synonyms())).append('.');
                }
                sb.append('\n');
            }
        }
        if (!model.measures().isEmpty()) {
            sb.append("Measures (aggregate {\"measure\":NAME}):\n");
            for (Measure m : model.measures()) {
                sb.append("- ").append(m.name()).append(" (").append(m.entity()).append(')');
                appendDescription(sb, m.description());
                if (!m.synonyms().isEmpty()) {
                    sb.append(" Also: ").append(String.join(", ", m.synonyms())).append('.');
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    private static String field(Field f) {
        StringBuilder s = new StringBuilder(f.name()).append(": ").append(type(f.type().name()));
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
        if (!f.synonyms().isEmpty()) {
            s.append(" (also: ").append(String.join(", ", f.synonyms())).append(')');
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

package io.promoagent.jdbc;

import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.DataModelYaml;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Random data models in one PostgreSQL source: one to three entities chained by many-to-one
 * relationships, fields of every type and visibility (names that need quoting among them), rules, and
 * measures with conditions and arithmetic. Written as YAML and loaded like a user's model.
 */
final class RandomSqlModels {

    private static final String[] TYPES = {"string", "number", "integer", "boolean", "date", "timestamp", "enum"};
    private static final String[] VISIBILITIES = {"model", "model", "model", "ui", "hidden"};

    private RandomSqlModels() {
    }

    static DataModel next(Random random) {
        StringBuilder y = new StringBuilder("sources:\n  - {id: pg, kind: jdbc}\nentities:\n");
        StringBuilder relationships = new StringBuilder();
        StringBuilder rules = new StringBuilder();
        StringBuilder measures = new StringBuilder();
        int entities = 1 + random.nextInt(3);
        for (int i = 0; i < entities; i++) {
            String name = "e" + i;
            y.append("  - name: ").append(name).append("\n    source: pg\n    table: \"T").append(i)
                    .append(" \\\"q\\\"\"\n    key: {partition: f_id}\n    fields:\n      - {name: f_id, type: string}\n");
            boolean linked = i > 0 && random.nextInt(4) > 0;
            if (linked) {
                y.append("      - {name: f_ref, type: string}\n");
                relationships.append("  - {name: n_up").append(i).append(", from: ").append(name).append(".f_ref, to: e")
                        .append(i - 1).append(".f_id, cardinality: many_to_one, inverse: n_down").append(i).append("}\n");
            }
            Set<String> names = new LinkedHashSet<>(List.of("f_id", "f_ref"));
            String numeric = null;
            String enumField = null;
            int fields = random.nextInt(7);
            for (int f = 0; f < fields; f++) {
                String type = TYPES[random.nextInt(TYPES.length)];
                String visibility = VISIBILITIES[random.nextInt(VISIBILITIES.length)];
                String field = (visibility.equals("hidden") ? "h_" : "f_") + (char) ('a' + random.nextInt(26))
                        + (char) ('a' + random.nextInt(26));
                if (!names.add(field)) {
                    continue;
                }
                y.append("      - {name: ").append(field).append(", type: ").append(type).append(", visibility: ")
                        .append(visibility);
                if (type.equals("enum")) {
                    y.append(", values: [v1, v2, \"it's\"]");
                    if (!visibility.equals("hidden")) {
                        enumField = field;
                    }
                }
                y.append("}\n");
                if ((type.equals("number") || type.equals("integer")) && !visibility.equals("hidden")) {
                    numeric = field;
                }
            }
            if (random.nextBoolean()) {
                rules.append("  - name: r_").append(i).append("\n    entity: ").append(name)
                        .append("\n    where: {type: compare, field: f_id, op: begins_with, value: \"x\"}\n");
            }
            measures.append("  - name: m_count").append(i).append("\n    entity: ").append(name)
                    .append("\n    aggregate: {fn: count}\n");
            if (numeric != null) {
                String where = enumField == null ? "" : ", where: {type: compare, field: " + enumField + ", op: ne, value: v1}";
                measures.append("  - name: m_sum").append(i).append("\n    entity: ").append(name)
                        .append("\n    aggregate: {fn: sum, field: ").append(numeric).append(where).append("}\n");
                measures.append("  - name: m_ratio").append(i).append("\n    entity: ").append(name)
                        .append("\n    expression: \"m_sum").append(i).append(" / m_count").append(i).append("\"\n");
            }
        }
        if (relationships.length() > 0) {
            y.append("relationships:\n").append(relationships);
        }
        if (rules.length() > 0) {
            y.append("rules:\n").append(rules);
        }
        y.append("measures:\n").append(measures);
        return DataModelYaml.parse(y.toString(), "random-model.yaml");
    }
}

package io.promoagent.schema.testing;

import io.promoagent.schema.eval.Values;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.model.Field;
import io.promoagent.schema.memory.InMemoryDataSource;
import io.promoagent.schema.source.Row;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Random rows for every entity of a data model: keys and referenced fields unique, references that
 * mostly hit and sometimes dangle or are absent, other fields from {@link RandomValues}'s pools and absent
 * now and then, bucket fields derived from their dates.
 */
public final class RandomDataset {

    private RandomDataset() {
    }

    /** Up to {@code maxRows} rows per entity, by entity name. */
    public static Map<String, List<Row>> generate(DataModel model, RandomValues values, int maxRows) {
        Map<String, List<Row>> data = new LinkedHashMap<>();
        for (Entity e : model.entities()) {
            int n = values.random().nextInt(maxRows + 1);
            List<Row> rows = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                rows.add(row(e, i, values, maxRows));
            }
            data.put(e.name(), rows);
        }
        return data;
    }

    private static Row row(Entity e, int i, RandomValues values, int maxRows) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (Field f : e.fields()) {
            if (f.bucket().isPresent()) {
                continue;
            }
            Optional<String> space = values.space(e, f);
            if (space.isPresent() && values.isUnique(e, f)) {
                row.put(f.name(), RandomValues.id(space.get(), f, i));
            } else if (!values.chance(15)) {
                row.put(f.name(), values.value(e, f, maxRows));
            }
        }
        for (Field f : e.fields()) {
            f.bucket().ifPresent(b -> Values.truncate(row.get(b.of()), b.unit()).ifPresent(v -> row.put(f.name(), v)));
        }
        return new Row(row);
    }

    /** One in-memory source per source id of the model, each holding the entities stored in it. */
    public static List<InMemoryDataSource> sources(DataModel model, Map<String, List<Row>> data) {
        Map<String, Map<String, List<Row>>> bySource = new LinkedHashMap<>();
        for (Entity e : model.entities()) {
            bySource.computeIfAbsent(e.source(), k -> new LinkedHashMap<>()).put(e.name(), data.getOrDefault(e.name(), List.of()));
        }
        List<InMemoryDataSource> sources = new ArrayList<>();
        bySource.forEach((id, rows) -> sources.add(new InMemoryDataSource(id, rows)));
        return sources;
    }
}

package io.promoagent.dynamodb;

import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.model.Field;
import io.promoagent.schema.model.Index;
import io.promoagent.schema.model.Relationship;
import io.promoagent.schema.source.Row;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Random rows for every entity of a data model, typed by its fields and made to catch compilers out:
 * absent attributes, strings differing only in case, empty strings, non-ASCII text, numbers on the
 * boundaries queries use, dates across month and year ends. Relationship fields mostly hold keys that
 * exist. Bucket fields are left out for the loader to derive. Unless {@code sparse}, the key attributes
 * of the tables' indexes are always present (what a data source assumes by default).
 */
final class RandomShopData {

    static final List<String> WORDS = List.of("John Smith", "john smith", "JOHN", "Johnny", "Anna Müller", "anna",
            "Zoë", "Ärzte", "alpha", "Alpha", "ALPHA", "alp", "beta gamma", "Beta", "a b", "x", "zz", "日本", "Denver",
            "denver", "VIP", "vip", "C00001", "2026-06-01", "100", "");
    static final List<BigDecimal> NUMBERS = List.of(new BigDecimal("0"), new BigDecimal("0.01"), new BigDecimal("1"),
            new BigDecimal("499.99"), new BigDecimal("500"), new BigDecimal("500.00"), new BigDecimal("500.01"),
            new BigDecimal("1000"), new BigDecimal("1000.5"), new BigDecimal("2000"), new BigDecimal("2500.75"),
            new BigDecimal("-3"), new BigDecimal("12345.67"));
    static final LocalDate FIRST_DAY = LocalDate.parse("2024-05-25");
    static final LocalDate LAST_DAY = LocalDate.parse("2026-07-05");

    private RandomShopData() {
    }

    static Map<String, List<Row>> generate(DataModel model, long seed, Map<String, Integer> counts, boolean sparse) {
        Random random = new Random(seed);
        Map<String, List<Row>> out = new LinkedHashMap<>();
        Map<String, List<Object>> generated = new LinkedHashMap<>();
        for (Entity e : model.entities()) {
            List<Row> rows = new ArrayList<>();
            int n = counts.getOrDefault(e.name(), 50);
            Set<String> keyAttributes = keyAttributes(e);
            for (int i = 1; i <= n; i++) {
                Map<String, Object> values = new LinkedHashMap<>();
                for (Field f : e.fields()) {
                    Object v = value(model, e, f, i, random, keyAttributes, generated, sparse);
                    if (v != null) {
                        values.put(f.name(), v);
                        generated.computeIfAbsent(e.name() + "." + f.name(), k -> new ArrayList<>()).add(v);
                    }
                }
                rows.add(new Row(values));
            }
            out.put(e.name(), rows);
        }
        return out;
    }

    private static Set<String> keyAttributes(Entity e) {
        Set<String> out = new HashSet<>();
        out.add(e.key().partition());
        e.key().sort().ifPresent(out::add);
        for (Index i : e.indexes()) {
            out.add(i.key().partition());
            i.key().sort().ifPresent(out::add);
        }
        return out;
    }

    private static Object value(DataModel model, Entity e, Field f, int i, Random random, Set<String> keyAttributes,
                                Map<String, List<Object>> generated, boolean sparse) {
        if (f.name().equals(e.key().partition())) {
            return Character.toUpperCase(e.name().charAt(0)) + String.format("%05d", i);
        }
        if (f.bucket().isPresent()) {
            return null;
        }
        boolean key = keyAttributes.contains(f.name());
        if ((sparse || !key) && random.nextInt(10) == 0) {
            return null;
        }
        for (Relationship r : model.relationships()) {
            if (r.fromEntity().equals(e.name()) && r.fromField().equals(f.name())) {
                List<Object> targets = generated.get(r.toEntity() + "." + r.toField());
                if (targets != null && !targets.isEmpty() && random.nextInt(10) > 0) {
                    return targets.get(random.nextInt(targets.size()));
                }
                if (r.toField().equals(model.requireEntity(r.toEntity()).key().partition())) {
                    return Character.toUpperCase(r.toEntity().charAt(0)) + String.format("%05d", 900 + random.nextInt(99));
                }
            }
        }
        switch (f.type()) {
            case ENUM:
                return f.values().get(random.nextInt(f.values().size())).value();
            case BOOLEAN:
                return random.nextBoolean();
            case INTEGER:
                return BigDecimal.valueOf(random.nextInt(25));
            case NUMBER:
                return random.nextInt(3) == 0 ? NUMBERS.get(random.nextInt(NUMBERS.size()))
                        : BigDecimal.valueOf(random.nextInt(300_000), 2);
            case DATE:
                return day(random).toString();
            case TIMESTAMP:
                return day(random) + "T" + String.format("%02d:%02d:00Z", random.nextInt(24), random.nextInt(60));
            default: {
                String w = WORDS.get(random.nextInt(WORDS.size()));
                // Key attributes of tables and indexes may not be empty strings.
                return key && w.isEmpty() ? "nonempty" : w;
            }
        }
    }

    static LocalDate day(Random random) {
        long span = LAST_DAY.toEpochDay() - FIRST_DAY.toEpochDay();
        return FIRST_DAY.plusDays((long) (random.nextDouble() * (span + 1)));
    }
}

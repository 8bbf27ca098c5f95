package io.promoagent.schema.testing;

import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.model.EnumValue;
import io.promoagent.schema.model.Field;
import io.promoagent.schema.model.FieldType;
import io.promoagent.schema.model.Relationship;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * Small pools of values that random rows and random queries share, so that comparisons, joins and group
 * keys meet often: strings that differ only in case or sort differently by code point than by UTF-16
 * unit, numbers equal in value but written with different scales, dates at the edges of the units
 * around "today", timestamps whose UTC date differs from the date they were written on.
 *
 * <p>Join fields (keys and both ends of relationships) draw from one id space per referenced field
 * ({@code customers.id#3}), so that references hit and sometimes dangle.
 */
public final class RandomValues {

    private static final List<String> STRINGS = List.of("alpha", "Alpha", "ALPHA", "alphabet", "beta",
            "Beta gamma", "gamma", "", "\u00df", "\u01c5", "\ufb01", "\uD835\uDD18x", "zeta", "Zeta", "\u00e9mile");
    private static final List<String> NUMBERS = List.of("0", "0.00", "1", "1.0", "1.5", "2.50", "2.5", "-3",
            "-0.01", "10", "99.99", "100", "1000", "2000.005");
    private static final List<Integer> INTEGERS = List.of(0, 1, 2, 3, 4, 5, 10);
    private static final int[] DAY_OFFSETS = {0, -1, -6, -7, -29, -30, -31, -59, -60, -89, -90, -91, -180, -364,
            -365, -366, -400, -700, 1, 7, 30, 45};
    private static final List<String> TIMES = List.of("T00:30:00Z", "T23:30:00-05:00", "T12:00:00+02:00",
            "T00:00:00Z");

    private final DataModel model;
    private final Random random;
    private final List<String> dates;
    private final List<String> timestamps;

    public RandomValues(DataModel model, Random random, LocalDate today) {
        this.model = model;
        this.random = random;
        Set<String> d = new LinkedHashSet<>();
        for (int offset : DAY_OFFSETS) {
            d.add(today.plusDays(offset).toString());
        }
        LocalDate month = today.withDayOfMonth(1);
        for (int m = -3; m <= 1; m++) {
            d.add(month.plusMonths(m).toString());
            d.add(month.plusMonths(m).minusDays(1).toString());
        }
        d.add(today.withDayOfYear(1).toString());
        d.add(today.withDayOfYear(1).minusDays(1).toString());
        d.add("2024-02-29");
        this.dates = List.copyOf(d);
        List<String> ts = new ArrayList<>();
        for (String date : dates) {
            ts.add(date + TIMES.get(Math.floorMod(date.hashCode(), TIMES.size())));
        }
        this.timestamps = List.copyOf(ts);
    }

    public Random random() {
        return random;
    }

    public List<String> dates() {
        return dates;
    }

    /** A value of the field's type: from the pools, or from its id space for a join field. */
    public Object value(Entity entity, Field field, int idRange) {
        Optional<String> space = space(entity, field);
        if (space.isPresent()) {
            return id(space.get(), field, random.nextInt(idRange + 1));
        }
        return plain(field);
    }

    /** A value of the field's type from the pools. */
    public Object plain(Field field) {
        return switch (field.type()) {
            case STRING -> pick(STRINGS);
            case NUMBER -> new BigDecimal(pick(NUMBERS));
            case INTEGER -> BigDecimal.valueOf(pick(INTEGERS));
            case BOOLEAN -> random.nextBoolean();
            case DATE -> pick(dates);
            case TIMESTAMP -> pick(timestamps);
            case ENUM -> pick(field.values()).value();
        };
    }

    /** A value to compare a field with: like {@link #value}, and a date now and then for a timestamp. */
    public Object operand(Entity entity, Field field, int idRange) {
        if (field.type() == FieldType.TIMESTAMP && random.nextBoolean()) {
            return pick(dates);
        }
        return value(entity, field, idRange);
    }

    /** The {@code n}th id of a space, typed like the field. */
    public static Object id(String space, Field field, int n) {
        return field.type().isNumeric() ? BigDecimal.valueOf(n) : space + "#" + n;
    }

    /**
     * The id space of a join field: the referenced field of the relationship it takes part in, or the
     * entity's own key; empty for other fields.
     */
    public Optional<String> space(Entity entity, Field field) {
        for (Relationship r : model.relationships()) {
            if ((r.fromEntity().equals(entity.name()) && r.fromField().equals(field.name()))
                    || (r.toEntity().equals(entity.name()) && r.toField().equals(field.name()))) {
                return Optional.of(r.toEntity() + "." + r.toField());
            }
        }
        if (entity.key().partition().equals(field.name())) {
            return Optional.of(entity.name() + "." + field.name());
        }
        return Optional.empty();
    }

    /** Whether the field is the referenced end of a relationship or the key: one record per value. */
    public boolean isUnique(Entity entity, Field field) {
        if (entity.key().partition().equals(field.name())) {
            return true;
        }
        return model.relationships().stream().anyMatch(r -> r.toEntity().equals(entity.name())
                && r.toField().equals(field.name()));
    }

    public <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    public boolean chance(int percent) {
        return random.nextInt(100) < percent;
    }

    /** A word that appears inside pooled strings, for contains and begins_with. */
    public String fragment() {
        String s = pick(STRINGS);
        if (s.isEmpty()) {
            return s;
        }
        int from = random.nextInt(s.length());
        int to = from + 1 + random.nextInt(s.length() - from);
        String f = s.substring(from, to);
        return Character.isLowSurrogate(f.charAt(0)) || Character.isHighSurrogate(f.charAt(f.length() - 1)) ? s : f;
    }

    static List<String> enumValues(Field f) {
        return f.values().stream().map(EnumValue::value).toList();
    }
}

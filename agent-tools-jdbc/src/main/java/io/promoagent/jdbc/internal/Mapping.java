package io.promoagent.jdbc.internal;

import io.promoagent.schema.ir.CalendarUnit;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.model.Field;
import io.promoagent.schema.model.FieldType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where each entity and field of the data model lives in the database: table and column names (explicit
 * ones, else the naming strategy applied to the model's table and field names) and the column types read
 * from the catalog. A bucket field without a column of its own (a DynamoDB hint such as {@code order_month})
 * is computed from its date field.
 */
public final class Mapping {

    private final DataModel model;
    private final String sourceId;
    private final Names names;
    private final Catalog catalog;

    /** The database names of entities and fields. */
    public interface Names {
        String table(Entity entity);

        String column(Entity entity, String field);
    }

    /** Names given by the entity's and the field's names, as a source's public methods resolve them. */
    public static Names names(java.util.function.UnaryOperator<String> table,
                              java.util.function.BinaryOperator<String> column) {
        return new Names() {
            @Override
            public String table(Entity entity) {
                return table.apply(entity.name());
            }

            @Override
            public String column(Entity entity, String field) {
                return column.apply(entity.name(), field);
            }
        };
    }

    public Mapping(DataModel model, String sourceId, Names names, Catalog catalog) {
        this.model = model;
        this.sourceId = sourceId;
        this.names = names;
        this.catalog = catalog;
    }

    public DataModel model() {
        return model;
    }

    public String sourceId() {
        return sourceId;
    }

    /** Whether the entity lives in this mapping's source. */
    public boolean owns(Entity entity) {
        return entity.source().equals(sourceId);
    }

    public String table(Entity entity) {
        return names.table(entity);
    }

    public String column(Entity entity, String field) {
        return names.column(entity, field);
    }

    /** Whether the field has a column; a bucket field may have none and is then computed. */
    public boolean stored(Entity entity, String field) {
        return catalog.type(table(entity), column(entity, field)).isPresent();
    }

    /** The type of the field's column; for a field without one, the type the field's values take. */
    public DbType type(Entity entity, String field) {
        return catalog.type(table(entity), column(entity, field)).orElseGet(() -> defaultType(entity.requireField(field).type()));
    }

    /** The column type this library creates for a field type: timestamps as text, so that they keep their written form. */
    public static DbType defaultType(FieldType type) {
        return switch (type) {
            case NUMBER, INTEGER -> DbType.NUMERIC;
            case BOOLEAN -> DbType.BOOLEAN;
            case DATE -> DbType.DATE;
            default -> DbType.TEXT;
        };
    }

    /** The SQL expression of a field of the entity under {@code alias}: its column, or a bucket computed from its date. */
    public String expression(Entity entity, String alias, String field) {
        if (!stored(entity, field)) {
            Optional<Field> f = entity.field(field);
            if (f.isPresent() && f.get().bucket().isPresent()) {
                String of = f.get().bucket().get().of();
                CalendarUnit unit = f.get().bucket().get().unit();
                return Dates.truncated(Dates.day(expression(entity, alias, of), type(entity, of)), unit);
            }
        }
        return alias + "." + Sql.quote(column(entity, field));
    }

    /** Checks every table and column the model's entities of this source name: a sentence per one missing. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (Entity e : model.entities()) {
            if (!owns(e)) {
                continue;
            }
            String table = table(e);
            if (!catalog.hasTable(table)) {
                problems.add("entity '" + e.name() + "': table \"" + table + "\" does not exist; nearest: "
                        + String.join(", ", Nearest.to(table, catalog.tables().keySet(), 3)));
                continue;
            }
            for (Field f : e.fields()) {
                if (!stored(e, f.name()) && f.bucket().isEmpty()) {
                    problems.add("field '" + e.name() + "." + f.name() + "': column \"" + column(e, f.name())
                            + "\" does not exist in table \"" + table + "\"; nearest: "
                            + String.join(", ", Nearest.to(column(e, f.name()), catalog.tables().get(table).keySet(), 3)));
                }
            }
        }
        return problems;
    }
}

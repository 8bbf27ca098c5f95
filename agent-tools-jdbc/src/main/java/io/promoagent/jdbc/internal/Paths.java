package io.promoagent.jdbc.internal;

import io.promoagent.schema.eval.FieldPath;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.model.Navigation;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fields read through many-to-one relationships ({@code customer.segment} from orders), as lateral joins
 * to the first related record, added once per chain of hops: the related record may be missing (the value
 * is then absent) and the join never multiplies the rows.
 */
final class Paths {

    private final Mapping mapping;
    private final Entity root;
    private final String rootAlias;
    private final Aliases aliases;
    private final Map<String, String> joined = new LinkedHashMap<>();
    private final Sql joins = new Sql();

    Paths(Mapping mapping, Entity root, String rootAlias, Aliases aliases) {
        this.mapping = mapping;
        this.root = root;
        this.rootAlias = rootAlias;
        this.aliases = aliases;
    }

    /** The column a field or path names. */
    Column column(String name) {
        FieldPath path = FieldPath.require(mapping.model(), root.name(), name);
        Entity at = root;
        String alias = rootAlias;
        StringBuilder chain = new StringBuilder();
        for (Navigation hop : path.hops()) {
            Entity next = mapping.model().requireEntity(hop.to());
            if (!mapping.owns(next)) {
                throw new Unsupported("entity '" + next.name() + "' lives in another source");
            }
            chain.append('/').append(hop.name());
            String key = chain.toString();
            String existing = joined.get(key);
            if (existing == null) {
                existing = aliases.next(mapping.table(next));
                String on = mapping.type(at, hop.localField()) == mapping.type(next, hop.remoteField())
                        ? existing + "_r." + Sql.quote(mapping.column(next, hop.remoteField())) + " = "
                        + mapping.expression(at, alias, hop.localField())
                        : "FALSE";
                joins.append(" LEFT JOIN LATERAL (SELECT * FROM " + Sql.quote(mapping.table(next)) + " AS " + existing
                        + "_r WHERE " + on + " LIMIT 1) AS " + existing + " ON TRUE");
                joined.put(key, existing);
            }
            at = next;
            alias = existing;
        }
        String field = path.field().name();
        return new Column(mapping.expression(at, alias, field), mapping.type(at, field), path.field().type());
    }

    Sql joins() {
        return joins;
    }
}

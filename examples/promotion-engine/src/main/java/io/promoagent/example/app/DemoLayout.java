package io.promoagent.example.app;

import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.model.Source;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where the in-process demo keeps its data. The demo model (promotion-model.yaml) stays the one place
 * that declares entities and fields; a layout only says which source each entity lives in.
 *
 * <ul>
 *   <li>{@link #FEDERATED}, the default: orders in an embedded PostgreSQL, customers and promotions in
 *       DynamoDB Local, so that the engine joins across the two.</li>
 *   <li>{@link #DYNAMODB}: everything in DynamoDB Local, the prototype's layout, which {@code bench capacity}
 *       and the Lambda deployment use.</li>
 * </ul>
 */
public enum DemoLayout {

    FEDERATED(Set.of("orders")),
    DYNAMODB(Set.of());

    /** The id of the PostgreSQL source a federated layout adds to the demo model. */
    public static final String POSTGRES_SOURCE = "postgres";

    private final Set<String> inPostgres;

    DemoLayout(Set<String> inPostgres) {
        this.inPostgres = inPostgres;
    }

    /** The layout named {@code name} ({@code federated}, {@code dynamodb}), in any case. */
    public static Optional<DemoLayout> named(String name) {
        for (DemoLayout l : values()) {
            if (l.jsonName().equalsIgnoreCase(name.strip())) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }

    /** The name on the command line and in a data folder's description. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The demo model {@code demo} (all of it in DynamoDB, as its YAML declares) with this layout's entities
     * moved to the PostgreSQL source; the same model when nothing moves.
     */
    public DataModel model(DataModel demo) {
        if (inPostgres.isEmpty()) {
            return demo;
        }
        DataModel.Builder b = DataModel.builder();
        demo.sources().forEach(b::source);
        b.source(new Source(POSTGRES_SOURCE, EmbeddedPostgresSources.JDBC));
        for (Entity e : demo.entities()) {
            b.entity(inPostgres.contains(e.name())
                    ? new Entity(e.name(), POSTGRES_SOURCE, e.table(), e.description(), e.synonyms(), e.key(), e.indexes(), e.fields())
                    : e);
        }
        demo.relationships().forEach(b::relationship);
        demo.rules().forEach(b::rule);
        demo.measures().forEach(b::measure);
        demo.vocabulary().forEach(b::phrase);
        return b.build();
    }

    /**
     * Which store holds which entities of {@code model}, for a start-up line: "customers and promotions in
     * DynamoDB Local; orders in PostgreSQL (embedded)".
     */
    public static String holdings(DataModel model) {
        Map<String, List<String>> byStore = new LinkedHashMap<>();
        for (Entity e : model.entities()) {
            String kind = model.source(e.source()).map(Source::kind).orElse("dynamodb");
            String store = kind.equals(EmbeddedPostgresSources.JDBC) ? "PostgreSQL (embedded)" : "DynamoDB Local";
            byStore.computeIfAbsent(store, k -> new ArrayList<>()).add(e.name());
        }
        List<String> parts = new ArrayList<>();
        byStore.forEach((store, names) -> parts.add(and(names) + " in " + store));
        return String.join("; ", parts);
    }

    private static String and(List<String> names) {
        if (names.size() == 1) {
            return names.get(0);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }
}

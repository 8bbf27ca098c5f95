package io.promoagent.test;

import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.model.Source;
import io.promoagent.schema.memory.InMemoryDataSource;
import io.promoagent.schema.source.Row;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A data set read from JSON-lines files, one per entity and named {@code <entity>.jsonl} (the layout
 * {@code promo-agent demo-data export} writes), with every value typed by the data model.
 *
 * <pre>{@code
 * DataModel model = DataModelYaml.load(Path.of("promotion-model.yaml"));
 * DataFixture demo = DataFixture.load(model, Path.of("demo-data"));
 * DataSource source = demo.inMemorySource();          // for a QueryEngine
 * long vips = demo.rows("customers").stream().filter(r -> "VIP".equals(r.valueOrNull("segment"))).count();
 * }</pre>
 *
 * <p>Every entity of the model needs its file (an empty file is an empty table), and every record must
 * match the model: unknown fields, values of the wrong type, enum values not declared and invalid dates
 * fail with the file and line, so that a fixture cannot drift from the model unnoticed.
 */
public final class DataFixture {

    private final DataModel model;
    private final Map<String, List<Row>> rows;

    private DataFixture(DataModel model, Map<String, List<Row>> rows) {
        this.model = model;
        this.rows = Collections.unmodifiableMap(rows);
    }

    /** Reads {@code <entity>.jsonl} from {@code directory} for every entity of {@code model}. */
    public static DataFixture load(DataModel model, Path directory) {
        Objects.requireNonNull(directory, "directory");
        return read(model, entity -> {
            Path file = directory.resolve(fileName(entity));
            return Files.isRegularFile(file) ? Files.newInputStream(file) : null;
        }, directory.toString());
    }

    /**
     * Reads {@code <entity>.jsonl} from a class-path folder, resolved like {@link Class#getResourceAsStream}
     * against {@code anchor} (a leading {@code /} makes it absolute): for fixtures kept with the tests.
     */
    public static DataFixture loadResources(DataModel model, Class<?> anchor, String folder) {
        Objects.requireNonNull(anchor, "anchor");
        String prefix = folder.endsWith("/") ? folder : folder + "/";
        return read(model, entity -> anchor.getResourceAsStream(prefix + fileName(entity)),
                "class-path folder " + prefix);
    }

    /** The data model the rows are typed by. */
    public DataModel model() {
        return model;
    }

    /** The rows of each entity, by entity name, in the model's order. */
    public Map<String, List<Row>> rows() {
        return rows;
    }

    /** The rows of one entity, in file order. */
    public List<Row> rows(String entity) {
        List<Row> list = rows.get(entity);
        if (list == null) {
            throw new IllegalArgumentException("no entity '" + entity + "' in the fixture; it has " + rows.keySet());
        }
        return list;
    }

    /**
     * An in-memory source holding every entity, with the id of the model's only source.
     *
     * @throws FixtureException when the model declares several sources; use {@link #inMemorySources()}
     */
    public InMemoryDataSource inMemorySource() {
        if (model.sources().size() != 1) {
            throw new FixtureException("the data model declares " + model.sources().size()
                    + " sources; use inMemorySources() for one in-memory source per source");
        }
        return inMemorySource(model.sources().get(0).id());
    }

    /** An in-memory source with the given id holding the entities the model places in that source. */
    public InMemoryDataSource inMemorySource(String sourceId) {
        if (model.source(sourceId).isEmpty()) {
            throw new IllegalArgumentException("the data model declares no source '" + sourceId + "'");
        }
        Map<String, List<Row>> held = new LinkedHashMap<>();
        for (Entity entity : model.entities()) {
            if (entity.source().equals(sourceId)) {
                held.put(entity.name(), rows.get(entity.name()));
            }
        }
        return new InMemoryDataSource(sourceId, held);
    }

    /** One in-memory source per source of the model, standing in for each (DynamoDB, PostgreSQL) in tests. */
    public List<InMemoryDataSource> inMemorySources() {
        List<InMemoryDataSource> sources = new ArrayList<>();
        for (Source source : model.sources()) {
            sources.add(inMemorySource(source.id()));
        }
        return List.copyOf(sources);
    }

    static String fileName(Entity entity) {
        return entity.name() + ".jsonl";
    }

    @FunctionalInterface
    private interface Opener {
        /** The file's content, or null when there is none. */
        InputStream open(Entity entity) throws IOException;
    }

    private static DataFixture read(DataModel model, Opener opener, String location) {
        Objects.requireNonNull(model, "model");
        Map<String, List<Row>> rows = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (Entity entity : model.entities()) {
            try (InputStream in = opener.open(entity)) {
                if (in == null) {
                    missing.add(fileName(entity));
                    continue;
                }
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                rows.put(entity.name(), List.copyOf(JsonLinesReader.read(entity, fileName(entity), reader)));
            } catch (IOException e) {
                throw new FixtureException("cannot read " + fileName(entity) + " from " + location + ": " + e.getMessage(), e);
            }
        }
        if (!missing.isEmpty()) {
            throw new FixtureException(location + " has no " + String.join(", ", missing)
                    + "; every entity of the data model needs a file (an empty one for an empty table)");
        }
        return new DataFixture(model, rows);
    }
}

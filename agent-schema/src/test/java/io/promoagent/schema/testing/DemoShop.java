package io.promoagent.schema.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.DataModelYaml;
import io.promoagent.schema.source.Row;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo shop every module's tests share: the example application's data model and the 60-customer export
 * of its demo data ({@code promo-agent demo-data export --seed 42 --customers 60 --now 2026-06-30}), read
 * from the class path, where the {@code io.promoagent:demo-data} artifact puts the one copy of each (add it
 * with test scope). A missing resource is an error that says which dependency is missing, never a fallback.
 */
public final class DemoShop {

    /** Class-path name of the demo data model, the file the example application runs on. */
    public static final String MODEL = "/io/promoagent/example/promotion-model.yaml";
    /** Class-path folder of the export: {@code customers.jsonl}, {@code orders.jsonl}, {@code promotions.jsonl}. */
    public static final String DATA = "/io/promoagent/example/demo";
    /** The day the export was made for, and the clock of the tests that read it: noon UTC that day. */
    public static final LocalDate TODAY = LocalDate.of(2026, 6, 30);
    public static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-30T12:00:00Z"), ZoneOffset.UTC);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static DataModel model;

    private DemoShop() {
    }

    /** The demo data model, loaded once. */
    public static synchronized DataModel model() {
        if (model == null) {
            model = load();
        }
        return model;
    }

    /** A fresh load of the demo data model, for tests of loading itself. */
    public static DataModel load() {
        require(MODEL);
        return DataModelYaml.loadResource(DemoShop.class, MODEL);
    }

    /** The rows of one entity of the export, typed as a source gives them: numbers as BigDecimal, no nulls. */
    public static List<Row> rows(String entity) {
        String resource = DATA + "/" + entity + ".jsonl";
        require(resource);
        List<Row> out = new ArrayList<>();
        try (InputStream in = DemoShop.class.getResourceAsStream(resource);
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    out.add(row(JSON.readTree(line)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
        return out;
    }

    /** The rows of every entity of the demo model, by entity name. */
    public static Map<String, List<Row>> rows() {
        Map<String, List<Row>> out = new LinkedHashMap<>();
        model().entities().forEach(e -> out.put(e.name(), rows(e.name())));
        return out;
    }

    private static Row row(JsonNode object) {
        Map<String, Object> values = new LinkedHashMap<>();
        object.properties().forEach(e -> {
            JsonNode v = e.getValue();
            if (v.isNumber()) {
                values.put(e.getKey(), v.decimalValue());
            } else if (v.isBoolean()) {
                values.put(e.getKey(), v.booleanValue());
            } else if (v.isTextual()) {
                values.put(e.getKey(), v.textValue());
            }
        });
        return new Row(values);
    }

    private static void require(String resource) {
        if (DemoShop.class.getResource(resource) == null) {
            throw new IllegalStateException(resource + " is not on the class path: add the test dependency"
                    + " io.promoagent:demo-data, which holds the demo model and its export");
        }
    }
}

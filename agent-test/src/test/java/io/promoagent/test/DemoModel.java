package io.promoagent.test;

import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.DataModelYaml;
import java.nio.file.Path;

/** The demo data model and a small export of the demo data (seed 42, 60 customers, now 2026-06-30). */
final class DemoModel {

    /** Read by relative path, as the other modules' tests do: agent-test cannot depend on the example. */
    static final Path MODEL_FILE =
            Path.of("../examples/promotion-engine/src/main/resources/io/promoagent/example/promotion-model.yaml");

    /** Class-path folder of {@code promo-agent demo-data export --seed 42 --customers 60 --now 2026-06-30}. */
    static final String DATA_FOLDER = "/io/promoagent/test/demo";

    private static DataModel model;
    private static DataFixture fixture;

    private DemoModel() {
    }

    static synchronized DataModel model() {
        if (model == null) {
            model = DataModelYaml.load(MODEL_FILE);
        }
        return model;
    }

    static synchronized DataFixture fixture() {
        if (fixture == null) {
            fixture = DataFixture.loadResources(model(), DemoModel.class, DATA_FOLDER);
        }
        return fixture;
    }
}

package io.promoagent.schema.json;

import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.DataModelYaml;
import java.nio.file.Path;

/** The demo data model of DEMO-DATA.md, read from the example application's YAML. */
final class DemoModel {

    /** The demo model's YAML, as the example application ships it. */
    static final Path YAML =
            Path.of("../examples/promotion-engine/src/main/resources/io/promoagent/example/promotion-model.yaml");

    private static DataModel model;

    private DemoModel() {
    }

    /** The demo model, loaded once. */
    static synchronized DataModel get() {
        if (model == null) {
            model = load();
        }
        return model;
    }

    /** A fresh copy of the demo model. */
    static DataModel load() {
        return DataModelYaml.load(YAML);
    }
}

package io.promoagent.example.intel;

import io.promoagent.core.change.InMemoryRecordStore;
import io.promoagent.core.security.Principal;
import io.promoagent.core.security.ToolContext;
import io.promoagent.core.tool.ReadTool;
import io.promoagent.core.tool.Tool;
import io.promoagent.core.tool.ToolCall;
import io.promoagent.core.tool.ToolResult;
import io.promoagent.example.demo.DemoData;
import io.promoagent.promotions.PromotionTools;
import io.promoagent.schema.json.QueryJson;
import java.util.List;
import io.promoagent.example.demo.DemoDataExporter;
import io.promoagent.example.demo.DemoDataGenerator;
import io.promoagent.schema.engine.QueryEngine;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.DataModelYaml;
import io.promoagent.test.DataFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** A generated demo data set with its planted truth, exported and loaded into an in-memory query engine. */
record PlantedWorld(DemoData data, DataModel model, DataFixture fixture, InMemoryRecordStore store, QueryEngine engine,
        Clock clock) {
    static final DataModel MODEL =
            DataModelYaml.loadResource(PlantedWorld.class, "/io/promoagent/example/promotion-model.yaml");

    static PlantedWorld generate(long seed, int customers, LocalDate now) {
        DemoData data = DemoDataGenerator.generate(seed, customers, now);
        try {
            Path directory = Files.createTempDirectory("planted-world");
            DemoDataExporter.export(data, directory);
            DataFixture fixture = DataFixture.load(MODEL, directory);
            Clock clock = Clock.fixed(now.atTime(12, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
            InMemoryRecordStore store = InMemoryRecordStore.builder(MODEL).rows(fixture.rows())
                    .unique("promotions", "code").build();
            QueryEngine engine = QueryEngine.builder(MODEL).source(store).clock(clock).build();
            return new PlantedWorld(data, MODEL, fixture, store, engine, clock);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a read tool of the promotion tools, as a marketer, and returns its result. */
    ToolResult read(String tool, String json) {
        List<Tool> tools = PromotionTools.create(model, engine, store, clock);
        ReadTool read = (ReadTool) tools.stream().filter(t -> t.descriptor().name().equals(tool)).findFirst().orElseThrow();
        return read.execute(ToolCall.of(tool, QueryJson.parse(json)), ToolContext.of(Principal.of("mia", "marketer"), clock));
    }
}

package io.promoagent.example.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promoagent.core.change.InMemoryRecordStore;
import io.promoagent.example.demo.DemoData;
import io.promoagent.example.demo.DemoDataExporter;
import io.promoagent.example.demo.DemoTruth;
import io.promoagent.promotions.Prediction;
import io.promoagent.promotions.PromotionForecasts;
import io.promoagent.promotions.PromotionSettings;
import io.promoagent.schema.engine.QueryEngine;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.DataModelYaml;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.source.Row;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code bench backtest}: predicts each past promotion of the demo data from the others only (leave one out)
 * and compares the 80 % intervals with what happened and with the uplift the generator planted.
 */
public final class BenchBacktestCommand implements Command {
    private static final String JSON = "--json";
    private static final String HELP = "--help";
    private static final String MODEL = "/io/promoagent/example/promotion-model.yaml";
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Clock clock;

    /** @param clock tells what today is when {@code --now} is not given */
    public BenchBacktestCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return "bench backtest";
    }

    @Override
    public String summary() {
        return "Check the promotion prediction model against the past promotions of the demo data (leave one out)";
    }

    @Override
    public String synopsis() {
        return DemoDataOptions.SYNOPSIS + " [--json]";
    }

    @Override
    public String help() {
        return EngineArguments.demoDataHelp(this, "the data treats",
                "  --json               print the figures and the cases as JSON",
                "",
                "coverage80: the share of 80% intervals (redemptions, and uplift against the planted truth) that hold",
                "the actual value; a calibrated model lands near 0.8. redemption_mape: mean absolute percentage error",
                "of predicted redemptions. uplift_mae: mean absolute error of the predicted uplift (share of the",
                "audience who order because of the offer) against the uplift the generator planted.",
                "");
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
        CommandArguments arguments = CommandArguments.parse(args, DemoDataOptions.OPTIONS, Set.of(JSON, HELP));
        if (arguments.hasFlag(HELP)) {
            out.print(help());
            return PromoAgentCli.EXIT_SUCCESS;
        }
        DemoDataOptions demo = DemoDataOptions.parse(arguments, LocalDate.now(clock));
        DataModel model = DataModelYaml.loadResource(BenchBacktestCommand.class, MODEL);
        err.printf("Generating %s...%n", demo.describe());
        DemoData data = demo.generate();
        Path directory = null;
        try {
            directory = Files.createTempDirectory("promo-agent-backtest");
            DemoDataExporter.export(data, directory);
            InMemoryRecordStore store = InMemoryRecordStore.builder(model).rows(rows(model, directory)).build();
            Clock dataClock = Clock.fixed(demo.now().atTime(12, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
            QueryEngine engine = QueryEngine.builder(model).source(store).clock(dataClock).build();
            List<PromotionForecasts.BacktestCase> cases =
                    PromotionForecasts.of(model, engine, dataClock, PromotionSettings.defaults()).leaveOneOut();
            ObjectNode report = report(data, cases);
            out.print(arguments.hasFlag(JSON) ? MAPPER.writeValueAsString(report) + "\n" : table(report));
            return PromoAgentCli.EXIT_SUCCESS;
        } catch (IOException e) {
            err.println("promo-agent: cannot write the demo data: " + e);
            return PromoAgentCli.EXIT_FAILURE;
        } finally {
            BenchCapacityCommand.delete(directory);
        }
    }

    private static ObjectNode report(DemoData data, List<PromotionForecasts.BacktestCase> cases) {
        Map<String, DemoTruth.PromotionTruth> truth = data.truth().promotions().stream()
                .collect(Collectors.toMap(DemoTruth.PromotionTruth::code, Function.identity()));
        int redemptionIntervals = 0;
        int redemptionsCovered = 0;
        int upliftIntervals = 0;
        int upliftsCovered = 0;
        double percentageErrors = 0;
        int percentageCases = 0;
        double upliftErrors = 0;
        ArrayNode rows = MAPPER.createArrayNode();
        for (PromotionForecasts.BacktestCase c : cases) {
            ObjectNode row = rows.addObject();
            row.put("code", c.code());
            row.put("members", c.members());
            row.put("days", c.days());
            row.put("redemptions", c.redemptions());
            Optional<Prediction.Range> redemptions = c.predicted().redemptions();
            if (redemptions.isPresent()) {
                Prediction.Range r = redemptions.get();
                putRange(row, "predicted_redemptions", r, 1);
                boolean in = r.covers(c.redemptions());
                row.put("redemptions_covered", in);
                redemptionIntervals++;
                redemptionsCovered += in ? 1 : 0;
                if (c.redemptions() > 0) {
                    percentageErrors += Math.abs(r.base() - c.redemptions()) / c.redemptions();
                    percentageCases++;
                }
            }
            DemoTruth.PromotionTruth planted = truth.get(c.code());
            Optional<Prediction.Range> uplift = c.predictedUplift();
            if (planted != null) {
                row.put("planted_uplift", round(planted.trueUplift(), 4));
            }
            c.measuredUplift().ifPresent(m -> row.put("measured_uplift", round(m, 4)));
            if (uplift.isPresent() && planted != null) {
                putRange(row, "predicted_uplift", uplift.get(), 4);
                boolean in = uplift.get().covers(planted.trueUplift());
                row.put("uplift_covered", in);
                upliftIntervals++;
                upliftsCovered += in ? 1 : 0;
                upliftErrors += Math.abs(uplift.get().base() - planted.trueUplift());
            }
            ArrayNode notes = row.putArray("notes");
            c.predicted().notes().forEach(notes::add);
        }
        int intervals = redemptionIntervals + upliftIntervals;
        int covered = redemptionsCovered + upliftsCovered;
        ObjectNode report = MAPPER.createObjectNode();
        report.put("seed", data.seed());
        report.put("customers", data.customerCount());
        report.put("now", data.now().toString());
        report.put("promotions", cases.size());
        report.put("intervals", intervals);
        report.put("coverage80", intervals == 0 ? 0 : round((double) covered / intervals, 3));
        report.put("redemption_coverage80",
                redemptionIntervals == 0 ? 0 : round((double) redemptionsCovered / redemptionIntervals, 3));
        report.put("uplift_coverage80", upliftIntervals == 0 ? 0 : round((double) upliftsCovered / upliftIntervals, 3));
        report.put("redemption_mape", percentageCases == 0 ? 0 : round(percentageErrors / percentageCases, 3));
        report.put("uplift_mae", upliftIntervals == 0 ? 0 : round(upliftErrors / upliftIntervals, 4));
        report.set("cases", rows);
        return report;
    }

    private static String table(ObjectNode report) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-14s %8s %6s %11s %-26s %8s %-26s%n", "promotion", "members", "days",
                "redemptions", "predicted (80%)", "uplift", "predicted uplift (80%)"));
        for (JsonNode c : report.get("cases")) {
            out.append(String.format(Locale.ROOT, "%-14s %8d %6d %11d %-26s %8s %-26s%n", c.get("code").asText(),
                    c.get("members").asLong(), c.get("days").asLong(), c.get("redemptions").asLong(),
                    range(c, "predicted_redemptions"), c.has("planted_uplift") ? c.get("planted_uplift").asText() : "-",
                    range(c, "predicted_uplift")));
        }
        out.append(String.format(Locale.ROOT, "%ncoverage80 %.3f over %d intervals (redemptions %.3f, uplift %.3f); "
                        + "redemption MAPE %.3f; uplift MAE %.4f%n", report.get("coverage80").asDouble(),
                report.get("intervals").asInt(), report.get("redemption_coverage80").asDouble(),
                report.get("uplift_coverage80").asDouble(), report.get("redemption_mape").asDouble(),
                report.get("uplift_mae").asDouble()));
        return out.toString();
    }

    private static String range(JsonNode c, String name) {
        if (!c.has(name)) {
            return "-";
        }
        JsonNode r = c.get(name);
        return r.get("base").asText() + " (" + r.get("low").asText() + " to " + r.get("high").asText() + ")";
    }

    private static void putRange(ObjectNode row, String name, Prediction.Range range, int decimals) {
        ObjectNode node = row.putObject(name);
        node.put("low", round(range.low(), decimals));
        node.put("base", round(range.base(), decimals));
        node.put("high", round(range.high(), decimals));
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

    /** The exported tables as rows: numbers as BigDecimal, booleans, and text (dates included) as strings. */
    private static Map<String, List<Row>> rows(DataModel model, Path directory) throws IOException {
        Map<String, List<Row>> rows = new LinkedHashMap<>();
        for (Entity entity : model.entities()) {
            List<Row> entityRows = new ArrayList<>();
            for (String line : Files.readAllLines(directory.resolve(entity.name() + ".jsonl"))) {
                JsonNode node = MAPPER.readTree(line);
                Map<String, Object> values = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    JsonNode v = field.getValue();
                    values.put(field.getKey(), v.isNumber() ? v.decimalValue() : v.isBoolean() ? v.booleanValue()
                            : v.asText());
                }
                entityRows.add(Row.of(values));
            }
            rows.put(entity.name(), entityRows);
        }
        return rows;
    }
}

package io.promoagent.promotions;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promoagent.core.ToolEffect;
import io.promoagent.core.query.ReadGuard;
import io.promoagent.core.query.ReadLog;
import io.promoagent.core.reply.TableBlock;
import io.promoagent.core.security.ToolContext;
import io.promoagent.core.tool.ReadTool;
import io.promoagent.core.tool.ToolCall;
import io.promoagent.core.tool.ToolDescriptor;
import io.promoagent.core.tool.ToolResult;
import io.promoagent.promotions.insight.CustomerInsights;
import io.promoagent.promotions.insight.LifecycleRules;
import io.promoagent.promotions.insight.LifecycleStage;
import io.promoagent.schema.validate.ErrorCode;
import io.promoagent.schema.validate.Suggestions;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code customer_lifecycle}: how many customers are in each lifecycle stage, or which customers are in one. */
final class CustomerLifecycleTool implements ReadTool {
    static final String NAME = "customer_lifecycle";
    static final int MAX_LISTED = 200;

    private final CustomerInsights insights;
    private final ReadGuard guard;
    private final ToolDescriptor descriptor;

    CustomerLifecycleTool(CustomerInsights insights, ReadGuard guard) {
        this.insights = insights;
        this.guard = guard;
        ObjectNode s = JsonValues.objectSchema();
        JsonValues.enumProperty(s, "stage", "One stage to list its customers' ids; leave out for the count of each",
                Arrays.stream(LifecycleStage.values()).map(LifecycleStage::wireName).toList());
        this.descriptor = ToolDescriptor.of(NAME,
                "Customer lifecycle stages from the data model's rules (new, active, cooling, lapsed, churned, "
                        + "reactivated): the number in each stage, or the customers of one stage.",
                s, ToolEffect.READ, "lifecycle", "stage", "stages", "cooling", "churned", "reactivated", "lapsed",
                "active", "new", "risk", "retention");
    }

    @Override
    public ToolDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public ToolResult execute(ToolCall call, ToolContext context) {
        Arguments args = new Arguments(call.arguments());
        List<String> names = Arrays.stream(LifecycleStage.values()).map(LifecycleStage::wireName).toList();
        LifecycleStage wanted = args.string("stage").flatMap(name -> Arrays.stream(LifecycleStage.values())
                .filter(s -> s.wireName().equals(name)).findFirst()).orElse(null);
        args.string("stage").filter(name -> !names.contains(name)).ifPresent(name -> args.error(
                ErrorCode.UNKNOWN_ENUM_VALUE, "stage", "'" + name + "' is not a lifecycle stage",
                Suggestions.rank(name, names)));
        args.throwIfAny();
        // every customer and every stage rule's members: estimated before anything is read, held over budget
        Optional<ToolResult> held = guard.hold(call.tool(), call.arguments(),
                () -> insights.estimateStages(LifecycleRules.defaults(), guard.pricing()), context);
        if (held.isPresent()) {
            return held.get();
        }
        ReadLog log = new ReadLog();
        Map<String, LifecycleStage> stages = insights.stages(LifecycleRules.defaults(), log);
        List<Map<String, Object>> rows = new ArrayList<>();
        List<String> columns;
        String summary;
        if (wanted == null) {
            Map<LifecycleStage, Long> counts = new EnumMap<>(LifecycleStage.class);
            stages.values().forEach(s -> counts.merge(s, 1L, Long::sum));
            for (LifecycleStage s : LifecycleStage.values()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("stage", s.wireName());
                row.put("customers", BigDecimal.valueOf(counts.getOrDefault(s, 0L)));
                rows.add(row);
            }
            columns = List.of("stage", "customers");
            summary = "Lifecycle stages of " + stages.size() + " customers";
        } else {
            stages.forEach((id, s) -> {
                if (s == wanted && rows.size() < MAX_LISTED) {
                    rows.add(new LinkedHashMap<>(Map.of("id", id)));
                }
            });
            long total = stages.values().stream().filter(wanted::equals).count();
            columns = List.of("id");
            summary = total + " customers are " + wanted.wireName()
                    + (total > MAX_LISTED ? "; the first " + MAX_LISTED + " are listed" : "");
        }
        ObjectNode forModel = JsonValues.F.objectNode();
        ArrayNode out = forModel.putArray("rows");
        rows.forEach(r -> out.add(JsonValues.values(r)));
        return ToolResult.ok(summary, forModel, new TableBlock("customers", columns, rows, rows.size())
                .withReads(log.reads()));
    }
}

package io.promoagent.planner.orchestrator;

import com.fasterxml.jackson.databind.JsonNode;
import io.promoagent.core.reply.ApprovalBlock;
import io.promoagent.core.reply.Block;
import io.promoagent.core.reply.Reply;
import io.promoagent.core.reply.TableBlock;
import io.promoagent.planner.plan.ToolPlan;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The side-by-side comparison of a proposal and its what-if ("what if 15% instead"): the arguments that
 * differ, how many records each affects, and every figure with an interval their previews give
 * ({@code {"low", "base", "high"}} anywhere in a preview, such as a prediction), as a table both the terminal
 * and the page show. Knows no tool: it reads only the approval blocks.
 */
final class WhatIf {

    /** The column that names the two alternatives. */
    static final String ALTERNATIVE = "alternative";

    private WhatIf() {
    }

    /** The approval block of a proposal's reply, if it made one. */
    static Optional<ApprovalBlock> approval(Reply reply) {
        return reply.blocks().stream().filter(b -> b instanceof ApprovalBlock).map(b -> (ApprovalBlock) b).findFirst();
    }

    /** The what-if's reply with the comparison before its own blocks. */
    static Reply compare(ToolPlan before, ApprovalBlock first, ToolPlan after, ApprovalBlock second, Reply reply) {
        Set<String> changed = new LinkedHashSet<>();
        JsonNode a = before.arguments();
        JsonNode b = after.arguments();
        a.fieldNames().forEachRemaining(n -> {
            if (!a.get(n).equals(b.get(n))) {
                changed.add(n);
            }
        });
        b.fieldNames().forEachRemaining(n -> {
            if (!a.has(n)) {
                changed.add(n);
            }
        });
        Map<String, String> firstRanges = new LinkedHashMap<>();
        Map<String, String> secondRanges = new LinkedHashMap<>();
        ranges("", first.preview(), firstRanges);
        ranges("", second.preview(), secondRanges);
        List<String> columns = new ArrayList<>(List.of(ALTERNATIVE));
        columns.addAll(changed);
        columns.add("affected");
        Set<String> figures = new LinkedHashSet<>(firstRanges.keySet());
        figures.addAll(secondRanges.keySet());
        columns.addAll(figures);
        List<Map<String, Object>> rows = List.of(
                row("as proposed (" + shortId(first.approvalId()) + ")", a, changed, first, firstRanges),
                row("what if (" + shortId(second.approvalId()) + ")", b, changed, second, secondRanges));
        String change = changed.isEmpty() ? "the same values" : String.join(", ", changed.stream()
                .map(n -> n.replace('_', ' ') + " " + text(b.get(n)) + " instead of " + text(a.get(n))).toList());
        String text = "What if " + change + ": both alternatives side by side below"
                + (figures.isEmpty() ? "" : " (figures as base, with the preview's interval in brackets)")
                + ". Both are proposals awaiting approval; nothing is created or sent until one is approved, and the"
                + " other can be rejected. " + reply.text();
        List<Block> blocks = new ArrayList<>();
        blocks.add(new TableBlock(ALTERNATIVE + "s", columns, rows, rows.size()));
        blocks.addAll(reply.blocks());
        return new Reply(text, blocks, reply.usage());
    }

    private static Map<String, Object> row(String name, JsonNode args, Set<String> changed, ApprovalBlock block,
                                           Map<String, String> ranges) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put(ALTERNATIVE, name);
        for (String c : changed) {
            if (args.has(c)) {
                row.put(c, text(args.get(c)));
            }
        }
        row.put("affected", String.valueOf(block.affectedCount()));
        row.putAll(ranges);
        return row;
    }

    /**
     * Every {low, base, high} object of a preview, by its path ("prediction.redemptions", since a preview
     * may give the same figure twice, estimated two ways): "84 (52 to 135)".
     */
    private static void ranges(String path, JsonNode node, Map<String, String> out) {
        if (node.isObject() && node.has("low") && node.has("base") && node.has("high")) {
            out.put(path, node.get("base").asText() + " (" + node.get("low").asText() + " to " + node.get("high").asText()
                    + ")");
            return;
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                ranges(path.isEmpty() ? e.getKey() : path + "." + e.getKey(), e.getValue(), out);
            }
        }
    }

    private static String text(JsonNode value) {
        return value == null || value.isNull() ? "(none)" : value.isValueNode() ? value.asText() : value.toString();
    }

    private static String shortId(String id) {
        return id.length() > 8 ? id.substring(0, 8) : id;
    }
}

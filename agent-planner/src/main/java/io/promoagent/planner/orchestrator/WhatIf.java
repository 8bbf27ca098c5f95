package io.promoagent.planner.orchestrator;

import com.fasterxml.jackson.databind.JsonNode;
import io.promoagent.core.reply.ApprovalBlock;
import io.promoagent.core.reply.Block;
import io.promoagent.core.reply.PreviewBlock;
import io.promoagent.core.reply.Reply;
import io.promoagent.core.reply.TableBlock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The side-by-side comparison of a proposal or a dry run and its what-if ("what if 15% instead"): the
 * arguments that differ, how many records each affects, and every figure with an interval their previews
 * give ({@code {"low", "base", "high"}} anywhere in a preview, such as a prediction), as a table both the
 * terminal and the page show. Knows no tool: it reads only the approval and preview blocks.
 */
final class WhatIf {

    /** The column that names the two alternatives. */
    static final String ALTERNATIVE = "alternative";

    private WhatIf() {
    }

    /** The last proposal ({@link ApprovalBlock}) or dry run ({@link PreviewBlock}) of a reply, if it made one. */
    static Optional<Block> previewed(Reply reply) {
        Block found = null;
        for (Block b : reply.blocks()) {
            if (b instanceof ApprovalBlock || b instanceof PreviewBlock) {
                found = b;
            }
        }
        return Optional.ofNullable(found);
    }

    /** The arguments of a proposal or a dry run. */
    static JsonNode arguments(Block block) {
        return block instanceof ApprovalBlock a ? a.arguments() : ((PreviewBlock) block).arguments();
    }

    private static JsonNode preview(Block block) {
        return block instanceof ApprovalBlock a ? a.preview() : ((PreviewBlock) block).preview();
    }

    /** The what-if's reply with the comparison of {@code first} and {@code second} before its own blocks. */
    static Reply compare(Block first, Block second, Reply reply) {
        Set<String> changed = new LinkedHashSet<>();
        JsonNode a = arguments(first);
        JsonNode b = arguments(second);
        a.fieldNames().forEachRemaining(n -> {
            if (!same(a.get(n), b.get(n))) {
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
        Map<String, String> labels = new LinkedHashMap<>();
        ranges("", preview(first), firstRanges, labels);
        ranges("", preview(second), secondRanges, labels);
        List<String> columns = new ArrayList<>(List.of(ALTERNATIVE));
        columns.addAll(changed);
        columns.add("affected");
        Set<String> figures = new LinkedHashSet<>(firstRanges.keySet());
        figures.addAll(secondRanges.keySet());
        columns.addAll(figures);
        List<Map<String, Object>> rows = List.of(
                row(name(first, "as proposed", "as predicted"), a, changed, first, firstRanges),
                row(name(second, "what if", "what if, predicted"), b, changed, second, secondRanges));
        String change = changed.isEmpty() ? "the same values" : String.join(", ", changed.stream()
                .map(n -> n.replace('_', ' ') + " " + text(b.get(n)) + " instead of " + text(a.get(n))).toList());
        String text = "What if " + change + ": both alternatives side by side below"
                + (figures.isEmpty() ? "" : " (each figure as its likely value, then its range)")
                + ". " + standing(first, second) + " " + reply.text();
        List<Block> blocks = new ArrayList<>();
        blocks.add(new TableBlock(ALTERNATIVE + "s", columns, rows, rows.size(), labels));
        blocks.addAll(reply.blocks());
        return new Reply(text, blocks, reply.usage());
    }

    /** Where the two alternatives stand: which are proposals awaiting approval and which only predictions. */
    private static String standing(Block first, Block second) {
        boolean firstProposed = first instanceof ApprovalBlock;
        boolean secondProposed = second instanceof ApprovalBlock;
        if (firstProposed && secondProposed) {
            return "Both are proposals awaiting approval; nothing is created or sent until one is approved, and the"
                    + " other can be rejected.";
        }
        if (!firstProposed && !secondProposed) {
            return "Both are predictions only: nothing is proposed. Say \"create it\" to propose the last one.";
        }
        return (firstProposed ? "The first" : "The second") + " is a proposal awaiting approval, the "
                + (firstProposed ? "second" : "first") + " a prediction only; nothing is created until a proposal is"
                + " approved.";
    }

    private static String name(Block block, String proposed, String predicted) {
        return block instanceof ApprovalBlock a ? proposed + " (" + shortId(a.approvalId()) + ")" : predicted;
    }

    private static Map<String, Object> row(String name, JsonNode args, Set<String> changed, Block block,
                                           Map<String, String> ranges) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put(ALTERNATIVE, name);
        for (String c : changed) {
            if (args.has(c)) {
                row.put(c, text(args.get(c)));
            }
        }
        row.put("affected", block instanceof ApprovalBlock a ? String.valueOf(a.affectedCount()) : "none (dry run)");
        row.putAll(ranges);
        return row;
    }

    /**
     * Every {low, base, high} object of a preview, by its path ("prediction.redemptions", since a preview
     * may give the same figure twice, estimated two ways): "84 (52 to 135)"; its label for people names the
     * figure, where it comes from and the interval its object states ("redemptions (prediction, 80% interval)").
     */
    private static void ranges(String path, JsonNode node, Map<String, String> out, Map<String, String> labels) {
        if (node.isObject() && node.has("low") && node.has("base") && node.has("high")) {
            out.put(path, number(node.get("base")) + " (" + number(node.get("low")) + " to " + number(node.get("high"))
                    + ")");
            labels.putIfAbsent(path, label(path));
            return;
        }
        if (node.isObject()) {
            String interval = node.path("interval").isTextual() ? node.path("interval").asText() : null;
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String child = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                ranges(child, e.getValue(), out, labels);
                if (interval != null && labels.containsKey(child) && !labels.get(child).contains(" interval")) {
                    labels.put(child, labels.get(child).replace(")", ", " + interval + " interval)"));
                }
            }
        }
    }

    private static String label(String path) {
        int dot = path.lastIndexOf('.');
        String figure = path.substring(dot + 1).replace('_', ' ');
        return dot < 0 ? figure : figure + " (" + path.substring(0, dot).replace('_', ' ').replace('.', ' ') + ")";
    }

    /** Equal values, numbers by value: 20 read back from a stored session is the 20.0 a tool was given. */
    private static boolean same(JsonNode x, JsonNode y) {
        if (x != null && y != null && x.isNumber() && y.isNumber()) {
            return x.decimalValue().compareTo(y.decimalValue()) == 0;
        }
        return x != null && x.equals(y);
    }

    /** A figure as people write it: 6, not 6.0. */
    private static String number(JsonNode value) {
        return value.isNumber() ? value.decimalValue().stripTrailingZeros().toPlainString() : value.asText();
    }

    private static String text(JsonNode value) {
        return value == null || value.isNull() ? "(none)" : value.isValueNode() ? value.asText() : value.toString();
    }

    private static String shortId(String id) {
        return id.length() > 8 ? id.substring(0, 8) : id;
    }
}

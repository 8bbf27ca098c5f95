package io.promoagent.example.defog;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The matching rules of the defog evaluation's {@code grade.py} (../shared/eval/defog), for a query's
 * result table: list (the gold keys, as a set), grouped (key to numbers), top-N (N rows in the gold order)
 * and scalar (every gold number among the reply's); numbers agree within 0.5 % or 0.01, a truncated date key
 * may be written as a month, quarter or day.
 */
final class DefogGrade {

    private static final Pattern DATE = Pattern.compile("^(\\d{4})-(\\d{2})(?:-(\\d{2}))?");
    private static final Pattern MIDNIGHT = Pattern.compile(
            "^(\\d{4}-\\d{2}-\\d{2})[t ]00:00(:00(\\.0+)?)?(z|\\+00:00)?$");

    private DefogGrade() {
    }

    /** Empty when the rows answer the question, else why not. */
    static String grade(JsonNode question, List<String> columns, List<Map<String, Object>> rows) {
        String why = "no gold answer";
        for (JsonNode gold : question.get("gold")) {
            why = question.get("kind").asText().equals("scalar") ? scalar(question, gold, rows)
                    : rows(question, gold, columns, rows);
            if (why.isEmpty()) {
                return "";
            }
        }
        return why;
    }

    private static Double num(Object v) {
        if (v instanceof BigDecimal d) {
            return d.doubleValue();
        }
        if (v instanceof JsonNode n && n.isNumber()) {
            return n.doubleValue();
        }
        return null;
    }

    private static Object plain(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isNumber()) {
            return n.decimalValue();
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        return n.asText();
    }

    private static boolean close(double a, double b) {
        return Math.abs(a - b) <= Math.max(0.005 * Math.abs(b), 0.01);
    }

    private static String cellText(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof BigDecimal d) {
            double x = d.doubleValue();
            if (x == Math.rint(x) && !Double.isInfinite(x)) {
                return Long.toString((long) x);
            }
            return d.stripTrailingZeros().toPlainString();
        }
        String s = v.toString().strip().toLowerCase(Locale.ROOT);
        Matcher m = MIDNIGHT.matcher(s);
        return m.matches() ? m.group(1) : s;
    }

    private static Set<String> dateForms(Object gold, String unit) {
        Matcher m = DATE.matcher(String.valueOf(gold));
        if (!m.find()) {
            return Set.of(String.valueOf(cellText(gold)));
        }
        String y = m.group(1);
        String mo = m.group(2);
        String d = m.group(3) == null ? "01" : m.group(3);
        String day = y + "-" + mo + "-" + d;
        int q = (Integer.parseInt(mo) - 1) / 3 + 1;
        return switch (unit) {
            case "month" -> Set.of(y + "-" + mo, day);
            case "quarter" -> Set.of(y + "-q" + q, "q" + q + " " + y, day, y + "-" + mo);
            case "year" -> Set.of(y, day);
            default -> Set.of(day);
        };
    }

    private static boolean keyMatch(Object gold, Object reply, String unit) {
        if (reply == null) {
            return gold == null;
        }
        if (unit != null) {
            return dateForms(gold, unit).contains(cellText(reply));
        }
        Double g = num(gold);
        if (g != null) {
            Double r = num(reply);
            if (r != null) {
                return g.doubleValue() == r.doubleValue();
            }
            try {
                return Double.parseDouble(reply.toString()) == g;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return java.util.Objects.equals(cellText(gold), cellText(reply));
    }

    private static boolean valueMatch(Object gold, Object reply) {
        if (gold == null) {
            return reply == null || (num(reply) != null && num(reply) == 0);
        }
        Double r = num(reply);
        if (r == null && reply instanceof String s) {
            try {
                r = Double.parseDouble(s);
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return r != null && close(r, num(gold));
    }

    private static List<Map<String, Object>> goldRows(JsonNode gold, JsonNode table) {
        List<String> cols = new ArrayList<>();
        gold.get("columns").forEach(c -> cols.add(c.asText()));
        List<Map<String, Object>> out = new ArrayList<>();
        for (JsonNode r : table) {
            Map<String, Object> row = new java.util.HashMap<>();
            for (int i = 0; i < cols.size(); i++) {
                row.put(cols.get(i), plain(r.get(i)));
            }
            out.add(row);
        }
        return out;
    }

    private static List<List<String>> alternatives(JsonNode q, JsonNode gold) {
        Set<String> cols = new HashSet<>();
        gold.get("columns").forEach(c -> cols.add(c.asText()));
        List<List<String>> out = new ArrayList<>();
        for (JsonNode alt : q.path("keys")) {
            List<String> a = new ArrayList<>();
            alt.forEach(c -> a.add(c.asText()));
            if (cols.containsAll(a)) {
                out.add(a);
            }
        }
        return out;
    }

    /** Every ordered choice of {@code k} distinct reply columns. */
    private static List<List<String>> assignments(List<String> columns, int k) {
        List<List<String>> out = new ArrayList<>();
        permute(columns, k, new ArrayList<>(), out);
        return out;
    }

    private static void permute(List<String> columns, int k, List<String> prefix, List<List<String>> out) {
        if (prefix.size() == k) {
            out.add(List.copyOf(prefix));
            return;
        }
        for (String c : columns) {
            if (!prefix.contains(c)) {
                prefix.add(c);
                permute(columns, k, prefix, out);
                prefix.remove(prefix.size() - 1);
            }
        }
    }

    private record Pairs(List<Map<String, Object>[]> pairs, Set<Integer> used) {
    }

    @SuppressWarnings("unchecked")
    private static Pairs match(JsonNode q, List<String> alt, List<String> assign, List<Map<String, Object>> gold,
                               List<Map<String, Object>> rows) {
        JsonNode units = q.path("units");
        List<Map<String, Object>[]> pairs = new ArrayList<>();
        Set<Integer> used = new LinkedHashSet<>();
        for (Map<String, Object> rr : rows) {
            Integer hit = null;
            for (int gi = 0; gi < gold.size() && hit == null; gi++) {
                if (used.contains(gi)) {
                    continue;
                }
                boolean all = true;
                for (int i = 0; i < alt.size() && all; i++) {
                    String unit = units.has(alt.get(i)) ? units.get(alt.get(i)).asText() : null;
                    all = keyMatch(gold.get(gi).get(alt.get(i)), rr.get(assign.get(i)), unit);
                }
                if (all) {
                    hit = gi;
                }
            }
            if (hit == null) {
                return null;
            }
            used.add(hit);
            pairs.add(new Map[] {gold.get(hit), rr});
        }
        return new Pairs(pairs, used);
    }

    private static List<String> missingValues(JsonNode q, JsonNode gold, List<Map<String, Object>[]> pairs,
                                              List<String> columns) {
        Set<String> goldCols = new HashSet<>();
        gold.get("columns").forEach(c -> goldCols.add(c.asText()));
        List<String> missing = new ArrayList<>();
        for (JsonNode v : q.path("values")) {
            String vc = v.asText();
            if (!goldCols.contains(vc)) {
                continue;
            }
            boolean found = false;
            for (String rc : columns) {
                boolean all = true;
                for (Map<String, Object>[] p : pairs) {
                    all &= valueMatch(p[0].get(vc), p[1].get(rc));
                }
                found |= all;
            }
            if (!found) {
                missing.add(vc);
            }
        }
        return missing;
    }

    private static String rows(JsonNode q, JsonNode gold, List<String> columns, List<Map<String, Object>> rows) {
        String best = "no column holds the gold keys";
        if (q.get("kind").asText().equals("topn")) {
            List<Map<String, Object>> ranking = goldRows(gold, gold.get("ranking"));
            int n = Math.min(q.get("n").asInt(), ranking.size());
            List<String> orders = new ArrayList<>();
            JsonNode o = q.get("order");
            if (o.isArray()) {
                o.forEach(x -> orders.add(x.asText()));
            } else {
                orders.add(o.asText());
            }
            for (List<String> alt : alternatives(q, gold)) {
                for (List<String> assign : assignments(columns, alt.size())) {
                    Pairs p = match(q, alt, assign, ranking, rows);
                    if (p == null) {
                        continue;
                    }
                    if (rows.size() != n) {
                        best = rows.size() + " rows, wanted " + n;
                        continue;
                    }
                    boolean inOrder = true;
                    for (int i = 0; i < n; i++) {
                        for (String c : orders) {
                            if (gold.get("columns").toString().contains("\"" + c + "\"")) {
                                inOrder &= valueMatch(ranking.get(i).get(c), p.pairs().get(i)[0].get(c));
                            }
                        }
                    }
                    if (!inOrder) {
                        best = "not the top rows in order";
                        continue;
                    }
                    List<String> missing = missingValues(q, gold, p.pairs(), columns);
                    if (!missing.isEmpty()) {
                        best = "right rows, but no column with " + missing;
                        continue;
                    }
                    return "";
                }
            }
            return best;
        }
        List<Map<String, Object>> goldRows = goldRows(gold, gold.get("rows"));
        for (List<String> alt : alternatives(q, gold)) {
            for (List<String> assign : assignments(columns, alt.size())) {
                Pairs p = match(q, alt, assign, goldRows, rows);
                if (p == null) {
                    continue;
                }
                int left = 0;
                for (int i = 0; i < goldRows.size(); i++) {
                    if (!p.used().contains(i)) {
                        left++;
                    }
                }
                if (left > 0) {
                    best = left + " gold rows missing";
                    continue;
                }
                List<String> missing = missingValues(q, gold, p.pairs(), columns);
                if (!missing.isEmpty()) {
                    best = "right groups, but no column with " + missing;
                    continue;
                }
                return "";
            }
        }
        return best;
    }

    private static String scalar(JsonNode q, JsonNode gold, List<Map<String, Object>> rows) {
        if (rows.size() != 1) {
            return "a table of " + rows.size() + " rows, not one value";
        }
        List<Object> nums = new ArrayList<>(rows.get(0).values());
        List<Map<String, Object>> g = goldRows(gold, gold.get("rows"));
        Map<String, Object> row = g.isEmpty() ? Map.of() : g.get(0);
        List<Object> wanted = new ArrayList<>();
        for (JsonNode v : q.get("values")) {
            if (row.containsKey(v.asText())) {
                wanted.add(row.get(v.asText()));
            }
        }
        return assign(wanted, 0, nums, new HashSet<>()) ? "" : "gold " + wanted + " not all in " + nums;
    }

    /** Whether each wanted number has its own reply number (a NULL gold may also go without). */
    private static boolean assign(List<Object> wanted, int i, List<Object> nums, Set<Integer> taken) {
        if (i == wanted.size()) {
            return true;
        }
        Object w = wanted.get(i);
        if (w == null && assign(wanted, i + 1, nums, taken)) {
            return true;
        }
        for (int j = 0; j < nums.size(); j++) {
            if (!taken.contains(j) && valueMatch(w, nums.get(j))) {
                taken.add(j);
                if (assign(wanted, i + 1, nums, taken)) {
                    return true;
                }
                taken.remove(j);
            }
        }
        return false;
    }
}

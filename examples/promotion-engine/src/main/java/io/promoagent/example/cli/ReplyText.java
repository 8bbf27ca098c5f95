package io.promoagent.example.cli;

import io.promoagent.core.reply.ApprovalBlock;
import io.promoagent.core.reply.Block;
import io.promoagent.core.reply.ClarificationBlock;
import io.promoagent.core.reply.ErrorBlock;
import io.promoagent.core.reply.HeldReadBlock;
import io.promoagent.core.reply.MetricBlock;
import io.promoagent.core.reply.PreviewBlock;
import io.promoagent.core.reply.RecordBlock;
import io.promoagent.core.reply.Reply;
import io.promoagent.core.reply.TableBlock;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** Renders a reply for a terminal: its text, then each block; tables show their first rows. */
final class ReplyText {

    static final int ROWS_SHOWN = 20;
    /** Tables of at most this many rows and more than twice as many columns are shown on their side. */
    static final int SIDE_BY_SIDE = 3;

    private ReplyText() {
    }

    static String render(Reply reply) {
        StringBuilder s = new StringBuilder();
        if (!reply.text().isBlank()) {
            s.append(reply.text()).append('\n');
        }
        for (Block b : reply.blocks()) {
            if (b instanceof TableBlock t) {
                table(t, s);
            } else if (b instanceof MetricBlock m) {
                s.append(m.label()).append(": ").append(plain(m.value())).append('\n');
            } else if (b instanceof RecordBlock r) {
                s.append(r.entity()).append('\n');
                r.values().forEach((k, v) -> s.append("  ").append(k).append(": ").append(text(v)).append('\n'));
            } else if (b instanceof ApprovalBlock a) {
                // the card's order, as the page and approval requests show it: summary, counts, figures, warnings
                ApprovalCardText.card(a.summary(), a.affectedCount(), a.preview(), s);
                s.append("Awaiting approval ").append(a.approvalId()).append(" (change set ").append(a.changeSetId())
                        .append("; ").append(a.status()).append(")\n");
            } else if (b instanceof PreviewBlock p) {
                ApprovalCardText.card(p.summary(), 0, p.preview(), s);
                s.append("A prediction only: nothing was proposed (say \"create it\" to propose it)\n");
            } else if (b instanceof ClarificationBlock c) {
                if (!c.message().equals(reply.text())) {
                    s.append(c.message()).append('\n'); // the reply's text says it already: once is enough
                }
                for (int i = 0; i < c.options().size(); i++) {
                    s.append("  ").append(i + 1).append(". ").append(c.options().get(i)).append('\n');
                }
                if (!c.options().isEmpty()) {
                    s.append("(reply with a number to choose)\n");
                }
            } else if (b instanceof HeldReadBlock h) {
                s.append(h.estimate());
                s.append("Not run: ").append(h.reason()).append(".\n");
                s.append("Confirm it with /confirm ").append(h.handle()).append(" (until ").append(h.expiresAt())
                        .append("), or ask with --confirm-reads.\n");
            } else if (b instanceof ErrorBlock e) {
                s.append("Error (").append(e.code()).append("): ").append(e.message()).append('\n');
                if (!e.suggestions().isEmpty()) {
                    s.append("  did you mean: ").append(String.join(", ", e.suggestions())).append('\n');
                }
            }
        }
        return s.toString();
    }

    private static void table(TableBlock t, StringBuilder s) {
        if (t.rows().size() <= SIDE_BY_SIDE && t.columns().size() > SIDE_BY_SIDE * 2) {
            sideBySide(t, s);
            return;
        }
        columns(t.columns(), t.rows().subList(0, Math.min(ROWS_SHOWN, t.rows().size())), s);
        s.append(t.total()).append(t.total() == 1 ? " row" : " rows")
                .append(t.rows().size() > ROWS_SHOWN ? " (first " + ROWS_SHOWN + " shown)" : "").append('\n');
    }

    /**
     * A few rows of many columns (a what-if's alternatives) turned on their side: one line per column, named by
     * its label, with each row's value beside it, so that the alternatives read across.
     */
    private static void sideBySide(TableBlock t, StringBuilder s) {
        List<String> names = new java.util.ArrayList<>();
        for (String c : t.columns()) {
            names.add(t.labels().getOrDefault(c, c.replace('_', ' ')));
        }
        int nameWidth = names.stream().mapToInt(String::length).max().orElse(0);
        int[] widths = new int[t.rows().size()];
        for (int r = 0; r < widths.length; r++) {
            for (String c : t.columns()) {
                widths[r] = Math.max(widths[r], text(t.rows().get(r).get(c)).length());
            }
        }
        for (int i = 0; i < t.columns().size(); i++) {
            s.append(pad(i == 0 ? "" : names.get(i), nameWidth));
            for (int r = 0; r < widths.length; r++) {
                s.append("  ").append(pad(text(t.rows().get(r).get(t.columns().get(i))), widths[r]));
            }
            s.append('\n');
        }
    }

    /** The rows under a header line, each column as wide as its widest value up to 40 characters. */
    static void columns(List<String> cols, List<Map<String, Object>> rows, StringBuilder s) {
        int[] widths = new int[cols.size()];
        for (int i = 0; i < cols.size(); i++) {
            widths[i] = cols.get(i).length();
            for (Map<String, Object> r : rows) {
                widths[i] = Math.min(40, Math.max(widths[i], text(r.get(cols.get(i))).length()));
            }
        }
        for (int i = 0; i < cols.size(); i++) {
            s.append(pad(cols.get(i), widths[i])).append(i + 1 < cols.size() ? "  " : "\n");
        }
        for (Map<String, Object> r : rows) {
            for (int i = 0; i < cols.size(); i++) {
                s.append(pad(text(r.get(cols.get(i))), widths[i])).append(i + 1 < cols.size() ? "  " : "\n");
            }
        }
    }

    private static String pad(String v, int width) {
        String cut = v.length() > width ? v.substring(0, width - 1) + "\u2026" : v;
        return cut + " ".repeat(Math.max(0, width - cut.length()));
    }

    private static String text(Object v) {
        return v == null ? "" : v instanceof BigDecimal d ? plain(d) : v.toString();
    }

    private static String plain(BigDecimal d) {
        return d == null ? "" : d.toPlainString();
    }
}

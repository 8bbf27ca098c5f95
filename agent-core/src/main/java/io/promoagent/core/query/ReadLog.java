package io.promoagent.core.query;

import io.promoagent.core.reply.TableRead;
import io.promoagent.schema.engine.QueryEngine;
import io.promoagent.schema.engine.QueryResult;
import io.promoagent.schema.ir.Query;
import io.promoagent.schema.json.QueryJson;
import java.util.ArrayList;
import java.util.List;

/**
 * The typed queries behind one tool result, kept in the order they were read with what each feeds, so that a
 * table computed from several reads can carry them ({@link io.promoagent.core.reply.TableBlock#reads()}) and
 * a person can have them explained. One log serves one result; it is not shared between calls.
 *
 * <pre>{@code
 * ReadLog log = new ReadLog();
 * QueryResult ids = log.execute(engine, Query.builder("customers").fields("id").build(), "customers: every id");
 * return ToolResult.ok(summary, forModel, new TableBlock("customers", columns, rows, total).withReads(log.reads()));
 * }</pre>
 */
public final class ReadLog {
    private final List<TableRead> reads = new ArrayList<>();

    /** Runs {@code query} on {@code engine} and keeps it, with what it feeds in plain words. */
    public QueryResult execute(QueryEngine engine, Query query, String purpose) {
        QueryResult result = engine.execute(query);
        // kept once read: a read that failed made no table
        synchronized (reads) {
            reads.add(new TableRead(QueryJson.toTree(query), purpose));
        }
        return result;
    }

    /** The queries read so far, oldest first. */
    public List<TableRead> reads() {
        synchronized (reads) {
            return List.copyOf(reads);
        }
    }
}

package io.promoagent.dynamodb;

import io.promoagent.dynamodb.item.AttributeValues;
import io.promoagent.dynamodb.internal.compile.QueryPlan;
import io.promoagent.schema.source.ExecutionStats;
import io.promoagent.schema.source.Explanation;
import io.promoagent.schema.source.Row;
import io.promoagent.schema.source.SourceCursor;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Predicate;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The rows of a compiled query, read a page at a time as they are consumed: the residual condition is
 * applied to each page, and reading stops as soon as the limit's worth of rows has matched.
 */
final class DynamoDbCursor implements SourceCursor {

    private final QueryPlan plan;
    private final PageFeed feed;
    private final Predicate<Row> residual;
    private final Explanation explanation;
    private final Deque<Row> buffer = new ArrayDeque<>();
    private final int limit;
    private int matched;
    private boolean finished;
    private final int pageSize;
    private double readUnits;
    private long scanned;
    private long returned;
    private long calls;

    DynamoDbCursor(QueryPlan plan, PageFeed feed, Predicate<Row> residual, Explanation explanation, int pageSize) {
        this.plan = plan;
        this.pageSize = pageSize;
        this.feed = feed;
        this.residual = residual;
        this.explanation = explanation;
        this.limit = plan.limit().orElse(Integer.MAX_VALUE);
    }

    @Override
    public boolean hasNext() {
        while (buffer.isEmpty()) {
            if (finished) {
                return false;
            }
            if (matched >= limit) {
                close();
                return false;
            }
            Page page = feed.next(this::pageLimit);
            if (page == null) {
                close();
                return false;
            }
            count(page);
            for (Map<String, AttributeValue> item : page.items()) {
                if (matched >= limit) {
                    break;
                }
                Row row = AttributeValues.row(item);
                if (residual == null || residual.test(row)) {
                    matched++;
                    buffer.add(plan.returned().isEmpty() ? row : row.project(plan.returned()));
                }
            }
        }
        return true;
    }

    /**
     * At most the source's page size, so that a page held here is bounded whatever the table's size; without
     * any condition left to check, no more items than the rows still wanted.
     */
    private int pageLimit() {
        if (!plan.unfiltered() || limit == Integer.MAX_VALUE) {
            return pageSize;
        }
        return Math.min(pageSize, Math.max(1, limit - matched));
    }

    private void count(Page page) {
        readUnits += page.readUnits();
        scanned += page.scanned();
        calls += page.calls();
    }

    @Override
    public Row next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        returned++;
        return buffer.poll();
    }

    @Override
    public ExecutionStats stats() {
        return new ExecutionStats(readUnits, scanned, returned, calls);
    }

    @Override
    public Explanation explanation() {
        return explanation;
    }

    @Override
    public void close() {
        if (finished) {
            return;
        }
        finished = true;
        feed.close();
        feed.drained().forEach(this::count);
    }
}

package io.promoagent.schema.source;

import java.util.Objects;

/**
 * A cursor that hands every call on to another, for a wrapper that changes one thing (counts the rows it hands
 * out, books a close, hands out rows of its own before the other's): a subclass overrides only what differs, so
 * the rest cannot drift from the cursor behind it.
 */
public abstract class ForwardingCursor implements SourceCursor {

    private final SourceCursor delegate;

    protected ForwardingCursor(SourceCursor delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** The cursor every call not overridden goes to. */
    protected final SourceCursor delegate() {
        return delegate;
    }

    @Override
    public boolean hasNext() {
        return delegate.hasNext();
    }

    @Override
    public Row next() {
        return delegate.next();
    }

    @Override
    public ExecutionStats stats() {
        return delegate.stats();
    }

    @Override
    public Explanation explanation() {
        return delegate.explanation();
    }

    @Override
    public void close() {
        delegate.close();
    }
}

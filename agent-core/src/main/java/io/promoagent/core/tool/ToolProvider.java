package io.promoagent.core.tool;

import java.util.List;

/**
 * Makes tools that need collaborators (a data model, a query engine, a mail transport), for discovery
 * through {@link java.util.ServiceLoader}.
 *
 * <p>A tool with a no-argument constructor can be listed directly in
 * {@code META-INF/services/io.promoagent.core.tool.Tool}; one that needs collaborators is made by a
 * provider listed in {@code META-INF/services/io.promoagent.core.tool.ToolProvider}, which takes them from
 * the {@link ToolEnvironment} and returns no tools when they are missing.
 */
public interface ToolProvider {

    /** The tools this provider can make from the environment; empty when it lacks what they need. */
    List<Tool> tools(ToolEnvironment environment);
}

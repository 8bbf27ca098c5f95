package io.promoagent.core.tool;

/**
 * Something the agent can do: a {@link ReadTool} that executes at once, or a {@link WriteTool} that
 * proposes a change set and applies it only once approved.
 *
 * <p>The family is closed so that every caller handles both halves; implement one of the two
 * sub-interfaces. Register tools with {@link ToolRegistry}.
 */
public sealed interface Tool permits ReadTool, WriteTool {

    /** The tool's name, description, parameter schema and effect. */
    ToolDescriptor descriptor();
}

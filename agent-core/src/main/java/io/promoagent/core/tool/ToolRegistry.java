package io.promoagent.core.tool;

import com.fasterxml.jackson.databind.JsonNode;
import io.promoagent.core.AgentErrorCode;
import io.promoagent.core.approval.ApprovableTools;
import io.promoagent.core.approval.ApprovalException;
import io.promoagent.core.approval.ApprovedChangeSet;
import io.promoagent.core.change.ApplyResult;
import io.promoagent.core.change.ChangeSet;
import io.promoagent.core.security.ToolContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.regex.Pattern;

/**
 * The tools an agent may call, by name: registered in code or discovered with {@link ServiceLoader}.
 *
 * <p>The registry refuses, with a {@link ToolRegistrationException}: a duplicate name; a name models
 * cannot call (letters, digits, {@code _} and {@code -}, at most 64); a blank description; a parameter
 * schema that is not a well-formed object schema; a {@code WRITE} or {@code SEND} tool that is not a
 * {@link WriteTool} (so it could write without approval); and a {@code READ} tool that is a
 * {@link WriteTool}, or any tool that is both kinds.
 *
 * <p>It is the {@link ApprovableTools} an approval service applies approved change sets through.
 */
public final class ToolRegistry implements ApprovableTools {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final Map<String, Tool> tools;

    private ToolRegistry(Map<String, Tool> tools) {
        this.tools = Collections.unmodifiableMap(new LinkedHashMap<>(tools));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A registry of exactly these tools. */
    public static ToolRegistry of(Tool... tools) {
        return builder().register(tools).build();
    }

    public Optional<Tool> find(String name) {
        return Optional.ofNullable(tools.get(name));
    }

    /**
     * The write tool named {@code name}, for an approval service.
     *
     * @throws ApprovalException {@code unknown_tool} when no tool has the name, {@code not_a_write_tool}
     *                           when the tool reads only
     */
    @Override
    public ApprovableTool writeTool(String name) {
        Tool tool = find(name).orElseThrow(() ->
                new ApprovalException(AgentErrorCode.UNKNOWN_TOOL.code(), "no tool named '" + name + "' is registered"));
        if (!(tool instanceof WriteTool w)) {
            throw new ApprovalException(ApprovalException.NOT_A_WRITE_TOOL, "tool '" + name + "' does not write or send");
        }
        return new ApprovableTool() {
            @Override
            public ChangeSet propose(String callId, JsonNode arguments, ToolContext context) {
                return w.propose(new ToolCall(callId, name, arguments), context);
            }

            @Override
            public ApplyResult apply(ApprovedChangeSet approved, ToolContext context) {
                return w.apply(approved, context);
            }

            @Override
            public Optional<String> crossSourceSafety() {
                return w.crossSourceSafety();
            }
        };
    }

    /** The tools, in registration order. */
    public List<Tool> tools() {
        return List.copyOf(tools.values());
    }

    public List<ToolDescriptor> descriptors() {
        return tools.values().stream().map(Tool::descriptor).toList();
    }

    public List<String> names() {
        return List.copyOf(tools.keySet());
    }

    /** Builds a {@link ToolRegistry}; every rule is checked as each tool is added. */
    public static final class Builder {
        private final Map<String, Tool> tools = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder register(Tool... newTools) {
            for (Tool t : newTools) {
                add(t);
            }
            return this;
        }

        public Builder registerAll(Collection<? extends Tool> newTools) {
            newTools.forEach(this::add);
            return this;
        }

        /**
         * Adds the tools listed in {@code META-INF/services/io.promoagent.core.tool.Tool} and those made by
         * the {@link ToolProvider}s listed in {@code META-INF/services/io.promoagent.core.tool.ToolProvider},
         * found through the context class loader.
         */
        public Builder discover(ToolEnvironment environment) {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            return discover(environment, loader != null ? loader : ToolRegistry.class.getClassLoader());
        }

        /** As {@link #discover(ToolEnvironment)}, through the given class loader. */
        public Builder discover(ToolEnvironment environment, ClassLoader loader) {
            Objects.requireNonNull(environment, "environment");
            try {
                for (Tool t : ServiceLoader.load(Tool.class, loader)) {
                    add(t);
                }
                for (ToolProvider p : ServiceLoader.load(ToolProvider.class, loader)) {
                    List<Tool> made = p.tools(environment);
                    if (made == null) {
                        throw new ToolRegistrationException(p.getClass().getName() + " returned no list of tools");
                    }
                    made.forEach(this::add);
                }
            } catch (ServiceConfigurationError e) {
                throw new ToolRegistrationException("a tool listed for ServiceLoader cannot be loaded: "
                        + e.getMessage(), e);
            }
            return this;
        }

        public ToolRegistry build() {
            return new ToolRegistry(tools);
        }

        private void add(Tool tool) {
            Objects.requireNonNull(tool, "tool");
            ToolDescriptor d = tool.descriptor();
            String who = tool.getClass().getName();
            if (d == null) {
                throw new ToolRegistrationException(who + " has no descriptor");
            }
            List<String> problems = new ArrayList<>();
            if (!NAME.matcher(d.name()).matches()) {
                problems.add("the name '" + d.name() + "' must be 1 to 64 letters, digits, '_' or '-'");
            }
            if (tools.containsKey(d.name())) {
                problems.add("the name '" + d.name() + "' is already taken by " + tools.get(d.name()).getClass().getName());
            }
            if (d.description().isBlank()) {
                problems.add("the description is blank; models choose tools by it");
            }
            if (tool instanceof ReadTool && tool instanceof WriteTool) {
                problems.add("it is both a ReadTool and a WriteTool; a tool is one or the other");
            } else if (d.effect().needsApproval() && !(tool instanceof WriteTool)) {
                problems.add("a " + d.effect() + " tool must be a WriteTool, with a side-effect-free propose and "
                        + "an apply reached only through approval");
            } else if (!d.effect().needsApproval() && tool instanceof WriteTool) {
                problems.add("a READ tool must be a ReadTool, not a WriteTool");
            }
            for (String p : ParameterSchemaCheck.problems(d.parameters())) {
                problems.add("parameters " + p);
            }
            if (!problems.isEmpty()) {
                throw new ToolRegistrationException("tool '" + d.name() + "' (" + who + ") is refused: "
                        + String.join("; ", problems));
            }
            tools.put(d.name(), tool);
        }
    }
}

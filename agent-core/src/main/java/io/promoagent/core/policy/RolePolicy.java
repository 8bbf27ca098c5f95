package io.promoagent.core.policy;

import io.promoagent.core.security.Principal;
import io.promoagent.core.security.Roles;
import io.promoagent.core.tool.ToolDescriptor;
import io.promoagent.core.ToolEffect;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Who may use which tools and see which fields, by role: which effects a role may call (an analyst reads,
 * a marketer reads and proposes writes and sends), tools denied by name, and whether a role may see the
 * values of {@code ui}-visibility fields (e-mail addresses) in replies. Values of {@code ui} fields never
 * reach a model whatever the role.
 */
public final class RolePolicy implements ToolPolicy {

    private final Map<String, Set<ToolEffect>> effects;
    private final Map<String, Set<String>> deniedTools;
    private final Set<String> uiFieldRoles;

    private RolePolicy(Builder b) {
        this.effects = Map.copyOf(b.effects);
        this.deniedTools = Map.copyOf(b.deniedTools);
        this.uiFieldRoles = Set.copyOf(b.uiFieldRoles);
    }

    /**
     * The default: analyst reads; marketer reads, writes and sends (proposals only: the approval gate decides);
     * approver reads (and approves, which the approval service checks); admin everything. Marketers, approvers
     * and admins see e-mail addresses; analysts do not.
     */
    public static RolePolicy defaults() {
        return builder()
                .allow(Roles.ANALYST, ToolEffect.READ)
                .allow(Roles.MARKETER, ToolEffect.READ, ToolEffect.WRITE, ToolEffect.SEND)
                .allow(Roles.APPROVER, ToolEffect.READ)
                .allow(Roles.ADMIN, ToolEffect.READ, ToolEffect.WRITE, ToolEffect.SEND)
                .uiFields(Roles.MARKETER, Roles.APPROVER, Roles.ADMIN)
                .build();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public PolicyDecision decide(Principal principal, ToolDescriptor tool) {
        boolean effectAllowed = false;
        for (String role : principal.roles()) {
            if (effects.getOrDefault(role, Set.of()).contains(tool.effect())
                    && !deniedTools.getOrDefault(role, Set.of()).contains(tool.name())) {
                effectAllowed = true;
            }
        }
        if (effectAllowed) {
            return PolicyDecision.allow();
        }
        return PolicyDecision.deny(principal.id() + " (" + String.join(", ", principal.roles().stream().sorted().toList())
                + ") may not use " + tool.name() + ": it " + verb(tool.effect()));
    }

    /** Whether replies to this principal may show values of {@code ui}-visibility fields. */
    public boolean maySeeUiFields(Principal principal) {
        return principal.roles().stream().anyMatch(uiFieldRoles::contains);
    }

    private static String verb(ToolEffect effect) {
        return switch (effect) {
            case READ -> "reads data";
            case WRITE -> "proposes changes to data";
            case SEND -> "proposes sending messages";
        };
    }

    /** Builds a {@link RolePolicy}. */
    public static final class Builder {
        private final Map<String, Set<ToolEffect>> effects = new HashMap<>();
        private final Map<String, Set<String>> deniedTools = new HashMap<>();
        private final Set<String> uiFieldRoles = new HashSet<>();

        private Builder() {
        }

        public Builder allow(String role, ToolEffect... allowed) {
            Objects.requireNonNull(role, "role");
            effects.computeIfAbsent(role, r -> EnumSet.noneOf(ToolEffect.class)).addAll(Set.of(allowed));
            return this;
        }

        public Builder deny(String role, String toolName) {
            deniedTools.computeIfAbsent(role, r -> new HashSet<>()).add(toolName);
            return this;
        }

        public Builder uiFields(String... roles) {
            uiFieldRoles.addAll(Set.of(roles));
            return this;
        }

        public RolePolicy build() {
            Map<String, Set<ToolEffect>> frozen = new HashMap<>();
            effects.forEach((k, v) -> frozen.put(k, Set.copyOf(v)));
            effects.clear();
            effects.putAll(frozen);
            return new RolePolicy(this);
        }
    }
}

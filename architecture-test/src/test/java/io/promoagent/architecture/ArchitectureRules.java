package io.promoagent.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The project's layering and package rules, written for a root package so that the same rules run over the
 * real modules ({@code io.promoagent}) and over fixture classes that break each of them on purpose.
 *
 * <p>A module is the first package segment below the root ({@code io.promoagent.core} is agent-core). Its
 * implementation lives in {@code <module>.internal..}, which no other module may use.
 */
final class ArchitectureRules {

    /**
     * Which modules each module may use, as its Maven dependencies allow: agent-schema ← agent-core ← tool
     * modules ← integrations ← examples. A package under the root that is not listed here fails
     * {@link #everyPackageBelongsToAModule()}, so a new module must be placed in the order to be built.
     */
    static final Map<String, Set<String>> MODULE_ORDER = declaredModuleOrder();

    private static Map<String, Set<String>> declaredModuleOrder() {
        Map<String, Set<String>> order = new LinkedHashMap<>();
        order.put("schema", Set.of());
        order.put("core", Set.of("schema"));
        order.put("planner", Set.of("schema", "core"));
        order.put("dynamodb", Set.of("schema", "core"));
        order.put("email", Set.of("schema", "core"));
        order.put("promotions", Set.of("schema", "core"));
        order.put("jdbc", Set.of("schema", "core"));
        order.put("test", Set.of("schema", "core", "dynamodb", "planner"));
        order.put("mcp", Set.of("schema", "core"));
        order.put("spring", Set.of("schema", "core", "planner", "dynamodb", "jdbc", "email", "promotions"));
        order.put("example", Set.of("schema", "core", "planner", "dynamodb", "email", "promotions", "jdbc",
                "test", "mcp", "spring"));
        return Map.copyOf(order);
    }

    private final String root;

    ArchitectureRules(String root) {
        this.root = root;
    }

    /** Every class below the root lives in one of the modules of {@link #MODULE_ORDER}. */
    ArchRule everyPackageBelongsToAModule() {
        String[] modules = MODULE_ORDER.keySet().stream().map(m -> root + "." + m + "..").toArray(String[]::new);
        return classes().that().resideInAPackage(root + "..")
                .should().resideInAnyPackage(modules)
                .as("every package below " + root + " belongs to a module of the architecture test's module order")
                .allowEmptyShould(true);
    }

    /** One rule per module: it uses only the modules it comes after. */
    List<ArchRule> moduleOrder() {
        List<ArchRule> rules = new ArrayList<>();
        MODULE_ORDER.forEach((module, allowed) -> {
            String[] forbidden = MODULE_ORDER.keySet().stream()
                    .filter(other -> !other.equals(module) && !allowed.contains(other))
                    .map(other -> root + "." + other + "..")
                    .toArray(String[]::new);
            if (forbidden.length > 0) {
                rules.add(noClasses().that().resideInAPackage(root + "." + module + "..")
                        .should().dependOnClassesThat().resideInAnyPackage(forbidden)
                        .as("module " + module + " uses only " + (allowed.isEmpty() ? "itself" : allowed))
                        .allowEmptyShould(true));
            }
        });
        return rules;
    }

    /** One rule per module: no cycle between its packages. */
    List<ArchRule> noPackageCycles() {
        List<ArchRule> rules = new ArrayList<>();
        for (String module : MODULE_ORDER.keySet()) {
            rules.add(SlicesRuleDefinition.slices().assignedFrom(packagesOf(root + "." + module))
                    .should().beFreeOfCycles()
                    .as("no package cycles inside module " + module)
                    .allowEmptyShould(true));
        }
        return rules;
    }

    /** One rule per module: nothing outside it uses its {@code internal} packages. */
    List<ArchRule> internalsStayInside() {
        List<ArchRule> rules = new ArrayList<>();
        for (String module : MODULE_ORDER.keySet()) {
            String base = root + "." + module;
            rules.add(noClasses().that().resideOutsideOfPackage(base + "..")
                    .should().dependOnClassesThat().resideInAPackage(base + ".internal..")
                    .as("no module uses the internal packages of module " + module)
                    .allowEmptyShould(true));
        }
        return rules;
    }

    /** agent-core is provider-neutral: it imports no AWS class. */
    ArchRule coreImportsNoAws() {
        return noClasses().that().resideInAPackage(root + ".core..")
                .should().dependOnClassesThat().resideInAPackage("software.amazon..")
                .as("agent-core imports no AWS class")
                .allowEmptyShould(true);
    }

    /** agent-schema depends on the JDK and Jackson only. */
    ArchRule schemaDependsOnJacksonOnly() {
        return classes().that().resideInAPackage(root + ".schema..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage(root + ".schema..", "java..", "com.fasterxml.jackson..", "")
                .as("agent-schema depends on the JDK and Jackson only")
                .allowEmptyShould(true);
    }

    /** Every rule above, in the order the test reports them. */
    List<ArchRule> all() {
        List<ArchRule> rules = new ArrayList<>();
        rules.add(everyPackageBelongsToAModule());
        rules.addAll(moduleOrder());
        rules.addAll(noPackageCycles());
        rules.addAll(internalsStayInside());
        rules.add(coreImportsNoAws());
        rules.add(schemaDependsOnJacksonOnly());
        return rules;
    }

    /** Each package below {@code base} is a slice of its own; classes elsewhere take no part. */
    private static SliceAssignment packagesOf(String base) {
        return new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                String name = javaClass.getPackageName();
                return name.equals(base) || name.startsWith(base + ".")
                        ? SliceIdentifier.of(name)
                        : SliceIdentifier.ignore();
            }

            @Override
            public String getDescription() {
                return "packages of " + base;
            }
        };
    }
}

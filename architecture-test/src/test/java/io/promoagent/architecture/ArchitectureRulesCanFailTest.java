package io.promoagent.architecture;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * Each rule of {@link ArchitectureRules} fails on fixture classes (package {@code fixture.arch}) that break it,
 * and names the offending class: a rule that could not fail would prove nothing.
 */
class ArchitectureRulesCanFailTest {

    private static final JavaClasses FIXTURES = new ClassFileImporter().importPackages("fixture.arch");
    private static final ArchitectureRules RULES = new ArchitectureRules("fixture.arch");

    @Test
    void aModuleUsingALaterModuleFails() {
        assertFails(rule("module schema uses only itself"), "fixture.arch.schema.UsesCore");
    }

    @Test
    void aPackageCycleInsideAModuleFails() {
        assertFails(rule("no package cycles inside module core"), "fixture.arch.core.a");
    }

    @Test
    void usingAnotherModulesInternalsFails() {
        assertFails(rule("no module uses the internal packages of module core"),
                "fixture.arch.dynamodb.UsesCoreInternals");
    }

    @Test
    void awsInCoreFails() {
        assertFails(RULES.coreImportsNoAws(), "fixture.arch.core.UsesAws");
    }

    @Test
    void anythingButJacksonInSchemaFails() {
        assertFails(RULES.schemaDependsOnJacksonOnly(), "dev.langchain4j.model.chat.ChatModel");
    }

    @Test
    void aPackageOutsideEveryModuleFails() {
        assertFails(RULES.everyPackageBelongsToAModule(), "fixture.arch.stray.Stray");
    }

    private static ArchRule rule(String description) {
        return RULES.all().stream().filter(r -> r.getDescription().equals(description)).findFirst()
                .orElseThrow(() -> new AssertionError("no rule described as: " + description));
    }

    private static void assertFails(ArchRule rule, String named) {
        assertThatThrownBy(() -> rule.check(FIXTURES))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(rule.getDescription())
                .hasMessageContaining(named);
    }
}

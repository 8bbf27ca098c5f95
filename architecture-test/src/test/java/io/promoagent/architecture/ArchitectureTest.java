package io.promoagent.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import static org.assertj.core.api.Assertions.assertThat;

/** The layering and package rules of {@link ArchitectureRules}, checked over the main code of every module. */
class ArchitectureTest {

    private static final JavaClasses MAIN_CODE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.promoagent");

    @Test
    void seesEveryModule() {
        // A rule over no classes passes; make sure the class path really holds each module's code.
        assertThat(MAIN_CODE.stream().map(c -> c.getPackageName().split("\\.")[2]).distinct())
                .contains("schema", "core", "dynamodb", "email", "promotions", "test", "example");
    }

    @TestFactory
    Stream<DynamicTest> everyRuleHolds() {
        return new ArchitectureRules("io.promoagent").all().stream()
                .map(rule -> DynamicTest.dynamicTest(rule.getDescription(), () -> rule.check(MAIN_CODE)));
    }
}

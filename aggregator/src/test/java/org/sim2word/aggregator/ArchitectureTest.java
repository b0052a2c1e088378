package org.sim2word.aggregator;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The evaluation maths stays free of frameworks and I/O, so it can be checked by hand and reused anywhere. */
class ArchitectureTest {
    private static final JavaClasses AGGREGATOR = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.sim2word.aggregator");

    @Test
    void the_metrics_are_plain_java() {
        classes().that().resideInAPackage("..aggregator.metrics..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "..aggregator.metrics..",
                        "org.sim2word.common.result..")
                .check(AGGREGATOR);
    }

    @Test
    void aggregator_packages_have_no_cycles() {
        slices().matching("org.sim2word.aggregator.(*)..").should().beFreeOfCycles().check(AGGREGATOR);
    }
}

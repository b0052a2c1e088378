package org.sim2word.worker;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The worker's packages depend downward only: maths at the bottom, wiring at the top (docs/architecture.md). */
class ArchitectureTest {
    private static final JavaClasses WORKER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.sim2word.worker");

    @Test
    void the_engine_is_pure_maths_without_frameworks_or_io() {
        noClasses().that().resideInAPackage("..worker.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("ai.djl..", "org.apache.kafka..", "io.minio..",
                        "java.sql..", "javax.imageio..", "java.nio.file..", "..worker.model..", "..worker.explain..",
                        "..worker.job..", "..worker.storage..", "..worker.persistence..", "..worker.messaging..")
                .check(WORKER);
    }

    @Test
    void the_method_does_not_know_where_jobs_come_from_or_go() {
        noClasses().that().resideInAnyPackage("..worker.explain..", "..worker.model..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "io.minio..", "java.sql..",
                        "..worker.job..", "..worker.storage..", "..worker.persistence..", "..worker.messaging..")
                .check(WORKER);
    }

    @Test
    void adapters_to_services_know_nothing_of_the_method() {
        noClasses().that().resideInAnyPackage("..worker.storage..", "..worker.persistence..",
                        "..worker.messaging..")
                .should().dependOnClassesThat().resideInAnyPackage("ai.djl..", "..worker.engine..",
                        "..worker.model..", "..worker.explain..", "..worker.job..")
                .check(WORKER);
    }

    @Test
    void finding_and_aligning_faces_does_not_know_about_jobs_or_the_explainer() {
        noClasses().that().resideInAPackage("..worker.align..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "io.minio..", "java.sql..",
                        "..worker.explain..", "..worker.attributes..", "..worker.job..", "..worker.storage..",
                        "..worker.persistence..", "..worker.messaging..")
                .check(WORKER);
    }

    @Test
    void landmark_attributes_are_plain_geometry_without_frameworks() {
        noClasses().that().resideInAPackage("..worker.attributes..")
                .should().dependOnClassesThat().resideInAnyPackage("ai.djl..", "org.apache.kafka..", "io.minio..",
                        "java.sql..", "java.nio.file..", "..worker.model..", "..worker.explain..", "..worker.job..",
                        "..worker.storage..", "..worker.persistence..", "..worker.messaging..")
                .check(WORKER);
    }

    @Test
    void worker_packages_have_no_cycles() {
        slices().matching("org.sim2word.worker.(*)..").should().beFreeOfCycles().check(WORKER);
    }
}

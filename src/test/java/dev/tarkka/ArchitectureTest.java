package dev.tarkka;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The package structure the README's layout table describes, checked on the compiled classes: feature
 * packages do not depend on each other in circles, the upload path reads in one direction, and the engine is
 * plain Java that any project could use as a library.
 */
class ArchitectureTest {

    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.tarkka");

    @Test
    void packagesDoNotDependOnEachOtherInCircles() {
        slices().matching("dev.tarkka.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void theEngineIsPlainJava() {
        classes().that().resideInAPackage("dev.tarkka.detection..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("dev.tarkka.detection..", "java..", "org.apache.commons.math3..")
                .check(CLASSES);
    }

    /**
     * resource → results → series → changes → detection, then summaries; nothing below calls back up. The
     * dashboard's pages read from the top; deleting an organization (teams) deletes its results from the top too, and
     * the administrators' views (admin) read them from there; public tests read their pull requests through pulls.
     */
    @Test
    void theUploadPathReadsInOneDirection() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Web").definedBy("dev.tarkka.web..")
                .layer("Teams").definedBy("dev.tarkka.orgs..")
                .layer("Admin").definedBy("dev.tarkka.admin..")
                .layer("Public").definedBy("dev.tarkka.publish..")
                .layer("Results").definedBy("dev.tarkka.results..")
                .layer("Pulls").definedBy("dev.tarkka.pulls..")
                .layer("Summaries").definedBy("dev.tarkka.summaries..")
                .layer("Changes").definedBy("dev.tarkka.changes..")
                .layer("Series").definedBy("dev.tarkka.series..")
                .layer("Engine").definedBy("dev.tarkka.detection..")
                .layer("Accounts").definedBy("dev.tarkka.auth..")
                .layer("Edge").definedBy("dev.tarkka.http..", "dev.tarkka.error..")
                .layer("Store").definedBy("dev.tarkka.store..")
                .whereLayer("Web").mayNotBeAccessedByAnyLayer()
                .whereLayer("Teams").mayNotBeAccessedByAnyLayer()
                .whereLayer("Admin").mayNotBeAccessedByAnyLayer()
                .whereLayer("Public").mayOnlyBeAccessedByLayers("Teams")
                .whereLayer("Results").mayOnlyBeAccessedByLayers("Teams", "Admin")
                .whereLayer("Pulls").mayOnlyBeAccessedByLayers("Public")
                .whereLayer("Summaries").mayOnlyBeAccessedByLayers("Results", "Public")
                .whereLayer("Changes").mayOnlyBeAccessedByLayers("Web", "Teams", "Admin", "Public", "Results", "Pulls", "Summaries")
                .whereLayer("Series").mayOnlyBeAccessedByLayers("Web", "Admin", "Public", "Results", "Pulls", "Summaries", "Changes")
                .whereLayer("Accounts").mayOnlyBeAccessedByLayers("Web", "Teams", "Admin", "Public", "Results", "Pulls", "Summaries", "Changes")
                .whereLayer("Store").mayNotAccessAnyLayer()
                .whereLayer("Edge").mayNotAccessAnyLayer()
                .check(CLASSES);
    }
}

package dev.leanspec.inspector.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

/**
 * The layering the folder tree promises. Rules run as plain JUnit tests (not the ArchUnit engine)
 * so Surefire counts and reports each one.
 */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            // the library's test helpers, on this class path as its test jar
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("dev.leanspec.inspector");

    static final ArchRule libraryHasNoJavaFx = noClasses()
            .that().resideInAPackage("dev.leanspec.inspector.persistence..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "org.testfx..")
            .because("the persistence library is usable on its own, in CLIs and servers without a display");

    static final ArchRule libraryDependsOnlyOnItsStack = classes()
            .that().resideInAPackage("dev.leanspec.inspector.persistence..")
            .should().onlyDependOnClassesThat().resideInAnyPackage(
                    "dev.leanspec.inspector.persistence..", "java..", "javax.sql..", "org.jooq..", "org.flywaydb..",
                    "org.sqlite..", "org.postgresql..", "com.zaxxer.hikari..", "org.slf4j..")
            .because("a Java developer can depend on the jar for persistence alone: jOOQ, Flyway, sqlite-jdbc, pgjdbc, HikariCP, SLF4J");

    static final ArchRule noFlywayInternals = noClasses()
            .that().resideInAPackage("dev.leanspec.inspector..")
            .should().dependOnClassesThat().resideInAnyPackage("org.flywaydb.core.internal..")
            .because("Flyway's internal packages are not its API: any release may move or change them");

    static final ArchRule libraryDoesNotKnowItsCallers = noClasses()
            .that().resideInAPackage("dev.leanspec.inspector.persistence..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.leanspec.inspector.cli..", "dev.leanspec.inspector.gui..",
                    "dev.leanspec.inspector.demo..")
            .because("the CLI and the window are built on the library, never the other way round");

    static final ArchRule generatedClassesStayInternal = noClasses()
            .that().resideOutsideOfPackage("dev.leanspec.inspector.persistence..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.leanspec.inspector.persistence.internal..")
            .because("jOOQ-generated classes and helpers are implementation details; callers use the stores' records");

    static final ArchRule cliNeverLoadsJavaFx = noClasses()
            .that().resideInAPackage("dev.leanspec.inspector.cli..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..")
            .because("the CLI runs headless on servers");

    static final ArchRule viewModelsHoldNoNodes = noClasses()
            .that().haveSimpleNameEndingWith("ViewModel")
            .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..", "org.controlsfx..")
            .because("a ViewModel is state and actions, testable without a JavaFX toolkit; nodes belong to its View");

    static final ArchRule headlessPartsNeverLoadJavaFx = noClasses()
            .that().resideInAnyPackage("dev.leanspec.inspector.export..", "dev.leanspec.inspector.demo..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..")
            .because("export and demo data serve the CLI too");

    static List<ArchRule> rules() {
        return List.of(libraryHasNoJavaFx, libraryDependsOnlyOnItsStack, noFlywayInternals, libraryDoesNotKnowItsCallers,
                generatedClassesStayInternal, cliNeverLoadsJavaFx, viewModelsHoldNoNodes, headlessPartsNeverLoadJavaFx);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void holds(ArchRule rule) {
        rule.check(CLASSES);
    }
}

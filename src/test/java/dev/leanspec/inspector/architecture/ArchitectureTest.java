package dev.leanspec.inspector.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "dev.leanspec.inspector", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule libraryHasNoJavaFx = noClasses()
            .that().resideInAPackage("dev.leanspec.inspector.persistence..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "org.testfx..")
            .because("the persistence library is usable on its own, in CLIs and servers without a display");

    @ArchTest
    static final ArchRule libraryDependsOnlyOnItsStack = classes()
            .that().resideInAPackage("dev.leanspec.inspector.persistence..")
            .should().onlyDependOnClassesThat().resideInAnyPackage(
                    "dev.leanspec.inspector.persistence..", "java..", "javax.sql..", "org.jooq..", "org.flywaydb..",
                    "org.sqlite..", "org.slf4j..")
            .because("a Java developer can depend on the jar for persistence alone: jOOQ, Flyway, sqlite-jdbc, SLF4J");

    @ArchTest
    static final ArchRule libraryDoesNotKnowItsCallers = noClasses()
            .that().resideInAPackage("dev.leanspec.inspector.persistence..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.leanspec.inspector.cli..", "dev.leanspec.inspector.gui..",
                    "dev.leanspec.inspector.demo..")
            .because("the CLI and the window are built on the library, never the other way round");

    @ArchTest
    static final ArchRule generatedClassesStayInternal = noClasses()
            .that().resideOutsideOfPackage("dev.leanspec.inspector.persistence..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.leanspec.inspector.persistence.internal..")
            .because("jOOQ-generated classes and helpers are implementation details; callers use the stores' records");

    @ArchTest
    static final ArchRule cliNeverLoadsJavaFx = noClasses()
            .that().resideInAPackage("dev.leanspec.inspector.cli..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..")
            .because("the CLI runs headless on servers");
}

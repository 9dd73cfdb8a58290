package org.consentledger.ledger;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The shape the ledger keeps as it grows, checked over the compiled classes of every module the service is built
 * from: rules decide from plain values, messages and the auditor's verifier need no framework, and no part of the
 * ledger depends on another in a circle.
 */
class ArchitectureTest {

    /** What a rule may not see: a framework, a database, a store, a read model. */
    private static final String[] INFRASTRUCTURE = {"org.springframework..", "org.axonframework..", "java.sql..",
            "javax.sql..", "jakarta.persistence..", "org.hibernate..", "tools.jackson..",
            "org.consentledger.ledger.store..", "org.consentledger.store..", "org.consentledger.projections.."};

    static final JavaClasses LEDGER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.consentledger");

    @Test
    void decisionsAreMadeFromPlainValues() {
        ArchRule rule = noClasses()
                .that().haveSimpleNameEndingWith("Rules").or().haveSimpleNameEndingWith("Decider")
                .or().haveSimpleName("GroupDecisions").or().haveSimpleName("Situation")
                .or().haveSimpleName("StreamHistory").or().haveSimpleName("PublishedSite")
                .or().haveSimpleName("PolicyVersions").or().haveSimpleName("PointInTimeResolver")
                .should().dependOnClassesThat().resideInAnyPackage(INFRASTRUCTURE)
                .because("a rule is a function of the command and the state it is given, tested without a store");
        rule.check(LEDGER);
    }

    @Test
    void messagesNeedNoFrameworkOrDatabase() {
        noClasses().that().resideInAPackage("org.consentledger.api..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "java.sql..",
                        "javax.sql..", "jakarta.persistence..", "org.hibernate..", "tools.jackson..",
                        "org.consentledger.ledger..", "org.consentledger.store..", "org.consentledger.projections..")
                .because("clients and consumers read the messages without the service")
                .check(LEDGER);
    }

    @Test
    void theVerifierNeedsNothingButTheBundle() {
        noClasses().that().resideInAPackage("org.consentledger.verifier..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.axonframework..",
                        "java.sql..", "javax.sql..", "org.consentledger.ledger..", "org.consentledger.store..",
                        "org.consentledger.projections..")
                .because("an auditor runs it offline, with the public key alone")
                .check(LEDGER);
    }

    @Test
    void sharedMechanicsKnowNoFeature() {
        noClasses().that().resideInAPackage("org.consentledger.support..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "java.sql..",
                        "org.consentledger.ledger..", "org.consentledger.projections..", "org.consentledger.api..")
                .check(LEDGER);
    }

    @Test
    void theStoreKnowsNoFeatureAboveIt() {
        noClasses().that().resideInAPackage("org.consentledger.store..")
                .should().dependOnClassesThat().resideInAnyPackage("org.consentledger.ledger..",
                        "org.consentledger.projections..", "org.consentledger.analytics..")
                .because("features use the store through its interfaces, never the other way round")
                .check(LEDGER);
    }

    @Test
    void onlyTheStoragePackagesSpeakToTheDatabase() {
        noClasses().that().resideOutsideOfPackages("org.consentledger.store..", "org.consentledger.ledger.store..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..",
                        "org.springframework.jdbc..", "jakarta.persistence..", "org.hibernate..")
                .because("the schema and every statement sit behind one storage boundary, which another store could "
                        + "take the place of")
                .check(LEDGER);
    }

    @Test
    void modulesDoNotDependOnEachOtherInACircle() {
        slices().matching("org.consentledger.(*)..").should().beFreeOfCycles().check(LEDGER);
    }

    @Test
    void featuresOfTheServiceDoNotDependOnEachOtherInACircle() {
        slices().matching("org.consentledger.ledger.(*)..").should().beFreeOfCycles().check(LEDGER);
    }
}

// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The module and stage boundaries the design relies on, checked on the compiled classes. */
class BoundariesTest {
    private static JavaClasses bridge;

    @BeforeAll
    static void importClasses() {
        bridge = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.tipbridge.bridge");
    }

    @Test
    void cryptoStaysBehindThePgpFacade() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.bouncycastle..")
                .check(bridge);
    }

    @Test
    void quartzStaysBehindTheScheduler() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.quartz..")
                .check(bridge);
    }

    @Test
    void onlyTheParserAndTheStripStageSeeSenderHeaders() {
        noClasses()
                .that()
                .resideOutsideOfPackage("org.tipbridge.bridge.intake.mail..")
                .and()
                .doNotHaveFullyQualifiedName("org.tipbridge.bridge.pipeline.StripMail")
                .and()
                .doNotHaveFullyQualifiedName("org.tipbridge.bridge.daemon.StoredSourceKeys")
                .should()
                .dependOnClassesThat()
                .haveFullyQualifiedName("org.tipbridge.bridge.intake.mail.MailEnvelope")
                .check(bridge);
    }

    @Test
    void stagesAfterStripNeverSeeTheParsedMail() {
        noClasses()
                .that()
                .resideInAnyPackage("org.tipbridge.bridge.store..", "org.tipbridge.bridge.cli..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.tipbridge.bridge.intake..")
                .check(bridge);
    }

    @Test
    void theCliNeverOpensSourceAddresses() {
        noClasses()
                .that()
                .resideInAPackage("org.tipbridge.bridge.cli..")
                .should()
                .dependOnClassesThat()
                .haveFullyQualifiedName("org.tipbridge.bridge.handle.ReplyAddress")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("org.tipbridge.bridge.handle.ReplyAddressBox")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("org.tipbridge.bridge.handle.ReplyAddressCodec")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("org.tipbridge.bridge.handle.MappingSecrets")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("org.tipbridge.bridge.outbox.OutgoingMail")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("org.tipbridge.bridge.outbox.MailTransport")
                .check(bridge);
    }

    @Test
    void theCliNeverTalksToSignalCli() {
        // A trust decision is sealed for the daemon, which alone opens the source's ACI.
        noClasses()
                .that()
                .resideInAPackage("org.tipbridge.bridge.cli..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.tipbridge.signal..")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("org.tipbridge.bridge.outbox.SignalSender")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("org.tipbridge.bridge.outbox.SignalCliSender")
                .check(bridge);
    }

    @Test
    void onlyIntakeDaemonAndTheSmtpSenderUseTheMailLibraries() {
        noClasses()
                .that()
                .resideOutsideOfPackages("org.tipbridge.bridge.intake..", "org.tipbridge.bridge.daemon..")
                .and(outboxSmtpClasses().negate())
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("jakarta.mail..", "org.eclipse.angus..", "com.icegreen..")
                .check(bridge);
    }

    /** The outbox's SMTP classes (SmtpTransport and its helpers); the composer builds its bytes itself. */
    private static DescribedPredicate<JavaClass> outboxSmtpClasses() {
        return DescribedPredicate.describe(
                "outbox SMTP classes",
                c -> c.getPackageName().equals("org.tipbridge.bridge.outbox")
                        && c.getSimpleName().startsWith("Smtp"));
    }
}

package dev.saga.contract.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.acme.cards.IssueCard;
import com.acme.loans.ApplyForLoan;
import com.acme.loans.LoanApproved;
import com.acme.loans.LoanDeclined;
import dev.saga.contract.Contracts;
import dev.saga.contract.inventory.ReserveStock;
import dev.saga.contract.payment.AuthorizePayment;
import dev.saga.definition.MessageTypes;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Contracts contributed by an application: merged into one, refused on a name clash, found by a package scan. */
class MessageContractTest {

    @TempDir
    Path temp;

    @Test
    void mergesTheTypesAndUpcastersOfEveryContribution() {
        MessageContract loans = MessageContract.of(ApplyForLoan.class, LoanApproved.class);
        MessageContract cards = MessageContract.of(List.of(IssueCard.class), List.of(IssueCard.FROM_V1));

        MessageContract merged = MessageContract.merge(List.of(Contracts.ORDER_MESSAGES, loans, cards));

        assertThat(merged.types().find("loans.ApplyForLoan")).contains(ApplyForLoan.class);
        assertThat(merged.types().find("cards.IssueCard")).contains(IssueCard.class);
        assertThat(merged.types().find("inventory.ReserveStock")).contains(ReserveStock.class);
        assertThat(merged.types().all()).hasSize(Contracts.TYPES.all().size() + 3);
        assertThat(merged.upcasters().all()).containsExactlyInAnyOrder(AuthorizePayment.FROM_V1, IssueCard.FROM_V1);
    }

    @Test
    void theSameRecordOrUpcasterContributedTwiceCountsOnce() {
        MessageContract cards = MessageContract.of(List.of(IssueCard.class), List.of(IssueCard.FROM_V1));

        MessageContract merged = cards.with(MessageContract.scan("com.acme.cards"));

        assertThat(merged.types().all()).containsExactly(IssueCard.class);
        assertThat(merged.upcasters().all()).containsExactly(IssueCard.FROM_V1);
    }

    @Test
    void refusesTwoRecordsOfOneTypeNameFromDifferentContributionsNamingBothClasses() {
        MessageContract first = MessageContract.of(Lending.Approved.class);
        MessageContract second = MessageContract.of(Cards.Approved.class);

        assertThatThrownBy(() -> MessageContract.merge(List.of(first, second)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Two message types named schema.Approved: "
                        + Lending.Approved.class.getName() + " and " + Cards.Approved.class.getName());
    }

    @Test
    void refusesTwoUpcastersOfOneVersion() {
        Upcaster another = Upcaster.from(IssueCard.class, 1, json -> json);

        assertThatThrownBy(() -> MessageContract.of(List.of(IssueCard.class), List.of(IssueCard.FROM_V1, another)))
                .hasMessage("Two upcasters for cards.IssueCard v1");
    }

    @Test
    void aScanFindsThePublicTopLevelRecordsButNotTheValuesTheyCarry() {
        MessageContract scanned = MessageContract.scan("com.acme.loans");

        assertThat(scanned.types().all()).containsExactly(ApplyForLoan.class, LoanApproved.class,
                LoanDeclined.class);
        assertThat(scanned.upcasters().all()).isEmpty();
    }

    @Test
    void aScanFindsTheUpcastersTheRecordsDeclare() {
        MessageContract scanned = MessageContract.scan("com.acme.cards");

        assertThat(scanned.types().all()).containsExactly(IssueCard.class);
        assertThat(scanned.upcasters().all()).containsExactly(IssueCard.FROM_V1);
    }

    @Test
    void aScanOfTheOrderPackagesFindsTheOrderContracts() {
        MessageContract scanned = MessageContract.scan("dev.saga.contract.inventory", "dev.saga.contract.order",
                "dev.saga.contract.payment", "dev.saga.contract.shipping", "dev.saga.contract.risk");

        assertThat(scanned.types().all()).containsExactlyInAnyOrderElementsOf(Contracts.TYPES.all());
        assertThat(scanned.upcasters().all()).containsExactlyElementsOf(Contracts.UPCASTERS.all());
    }

    @Test
    void aScanOfAPackageWithoutRecordsFailsNamingThePackage() {
        assertThatThrownBy(() -> MessageContract.scan("com.acme.nothing"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("No message records in package com.acme.nothing on the classpath");
    }

    @Test
    void aScanReadsRecordsPackagedInAJar() throws IOException {
        Path jar = jarOf("com/acme/loans");
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            Thread.currentThread().setContextClassLoader(loader);

            MessageContract scanned = MessageContract.scan("com.acme.loans");

            assertThat(scanned.types().all()).extracting(MessageTypes::nameOf)
                    .containsExactly("loans.ApplyForLoan", "loans.LoanApproved", "loans.LoanDeclined");
            assertThat(scanned.types().all()).allSatisfy(type -> assertThat(type.getClassLoader()).isSameAs(loader));
        } finally {
            Thread.currentThread().setContextClassLoader(before);
        }
    }

    /** The package's compiled records (only those that need nothing of the library) in a jar, as Maven packs it. */
    private Path jarOf(String folder) throws IOException {
        Path classes = Path.of(ApplyForLoan.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        Path jar = temp.resolve("loans.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
             Stream<Path> files = Files.list(classes.resolve(folder))) {
            String path = "";
            for (String segment : folder.split("/")) {
                path += segment + "/";
                out.putNextEntry(new JarEntry(path));
                out.closeEntry();
            }
            for (Path file : files.filter(f -> !f.getFileName().toString().startsWith("LoanMessages")).toList()) {
                out.putNextEntry(new JarEntry(folder + "/" + file.getFileName()));
                try (InputStream in = Files.newInputStream(file)) {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
        }
        return jar;
    }

    static final class Lending {
        record Approved(String id) {
        }
    }

    static final class Cards {
        record Approved(String id) {
        }
    }
}

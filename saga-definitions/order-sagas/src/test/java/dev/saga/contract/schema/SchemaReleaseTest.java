package dev.saga.contract.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.loans.ApplyForLoan;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The schema-store command, run the way an adopter runs it against its own contract module: a folder and the
 * contract (a class holding a MessageContract, or a package to scan).
 */
class SchemaReleaseTest {

    @TempDir
    Path temp;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    @Test
    void storesTheSchemaOfEveryRecordOfAScannedPackage() throws IOException {
        Path schemas = temp.resolve("schemas");

        assertThat(run(schemas.toString(), "com.acme.loans")).isZero();

        assertThat(storedFiles(schemas)).containsExactly("loans.ApplyForLoan/v1.json", "loans.LoanApproved/v1.json",
                "loans.LoanDeclined/v1.json");
        assertThat(ReleasedSchemas.in(schemas).find("loans.ApplyForLoan", 1))
                .contains(SchemaGenerator.schemaOf(ApplyForLoan.class));
        assertThat(output()).contains("All 3 message schemas are stored and compatible.");
    }

    @Test
    void storesTheContractAClassHoldsAndLeavesStoredSchemasAlone() throws IOException {
        Path schemas = temp.resolve("schemas");
        run(schemas.toString(), "com.acme.loans.LoanMessages");
        printed.reset();

        assertThat(run(schemas.toString(), "com.acme.loans.LoanMessages#CONTRACT")).isZero();

        assertThat(output()).doesNotContainPattern("(?m)^(stored|updated) ").contains("All 3 message schemas");
    }

    @Test
    void keepsWorkingForTheOrderContracts() throws IOException {
        Path schemas = TestSchemas.copyOfRepository(temp.resolve("schemas"));

        assertThat(run(schemas.toString(), "dev.saga.contract.Contracts")).isZero();

        assertThat(output()).doesNotContainPattern("(?m)^(stored|updated) ")
                .contains("message schemas are stored and compatible");
    }

    @Test
    void refusesAVersionTwoWhoseVersionOneWasNeverStored() throws IOException {
        Path schemas = temp.resolve("schemas");

        assertThat(run(schemas.toString(), "com.acme.cards")).isEqualTo(1);

        assertThat(output()).contains("problem: cards.IssueCard: v1 and v2 must both be stored");
    }

    @Test
    void saysHowToCallItWhenTheContractIsMissingOrUnknown() throws IOException {
        assertThat(run(temp.toString())).isEqualTo(2);
        assertThat(output()).contains(SchemaRelease.USAGE);
        printed.reset();

        assertThat(run(temp.toString(), "com.acme.nothing")).isEqualTo(2);
        assertThat(output()).contains("No message records in package com.acme.nothing");
        printed.reset();

        assertThat(run(temp.toString(), "dev.saga.contract.schema.SchemaRelease")).isEqualTo(2);
        assertThat(output()).contains("names no public static MessageContract fields");
    }

    private int run(String... args) throws IOException {
        return SchemaRelease.run(args, new PrintStream(printed, true, StandardCharsets.UTF_8));
    }

    private String output() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    private static java.util.List<String> storedFiles(Path schemas) throws IOException {
        try (Stream<Path> files = Files.walk(schemas)) {
            return files.filter(Files::isRegularFile).map(file -> schemas.relativize(file).toString()).sorted()
                    .toList();
        }
    }
}

package dev.saga.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.saga.contract.Contracts;
import dev.saga.contract.schema.MessageContract;
import dev.saga.definition.SagaDefinition;
import dev.saga.messaging.testing.RealServices;
import dev.saga.orchestrator.deadlines.DeadlineScanner;
import dev.saga.orchestrator.engine.SagaCatalog;
import dev.saga.orchestrator.engine.SagaEngine;
import dev.saga.orchestrator.engine.SagaStarts;
import dev.saga.orchestrator.engine.plan.DeadlinePolicy;
import dev.saga.orchestrator.operations.SagaOperations;
import dev.saga.orderfulfilment.OrderFulfilmentSaga;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.stereotype.Component;

/**
 * What the orchestrator starter gives an application, over real RabbitMQ and PostgreSQL: the whole orchestrator
 * for an application with a definition, nothing for one without, the application's own beans where it declares
 * them, and a start-up failure that names a bad property and the values it allows.
 */
@ExtendWith(OutputCaptureExtension.class)
class SagaOrchestratorAutoConfigurationIT {

    private static Map<String, String> services;

    @BeforeAll
    static void services() {
        services = RealServices.isolated();
    }

    @AfterAll
    static void releaseServices() {
        RealServices.release(services);
    }

    @Test
    void anApplicationWithADefinitionGetsTheWholeOrchestrator() {
        runner().withUserConfiguration(WithOrderFulfilment.class).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(SagaEngine.class).hasSingleBean(SagaStarts.class)
                    .hasSingleBean(DeadlineScanner.class).hasSingleBean(SagaOperations.class)
                    .hasSingleBean(SecurityFilterChain.class).hasBean("outboxHealthIndicator");
            assertThat(context.getBean(SagaCatalog.class).forType(OrderFulfilmentSaga.TYPE)).isPresent();
        });
    }

    /** Nothing is component-scanned, so a part that no feature's configuration imports would silently be missing. */
    @Test
    void everyPartOfTheLibraryIsABean() {
        List<Class<?>> parts = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.saga.orchestrator").stream()
                .filter(type -> type.isMetaAnnotatedWith(Component.class))
                .filter(type -> !type.isAnnotatedWith(ConditionalOnProperty.class))
                .<Class<?>>map(JavaClass::reflect).toList();
        assertThat(parts).hasSizeGreaterThan(30);
        runner().withUserConfiguration(WithOrderFulfilment.class).run(context -> assertThat(parts)
                .allSatisfy(part -> assertThat(context.getBeanNamesForType(part)).as(part.getName()).isNotEmpty()));
    }

    @Test
    void anApplicationWithoutADefinitionIsNoOrchestrator() {
        runner().withUserConfiguration(WithoutDefinitions.class).run(context ->
                assertThat(context).hasNotFailed().doesNotHaveBean(SagaEngine.class)
                        .doesNotHaveBean(SagaCatalog.class).doesNotHaveBean(DeadlineScanner.class));
    }

    @Test
    void theApplicationsOwnCatalogAndUserStoreReplaceTheStarters() {
        runner().withUserConfiguration(WithOwnCatalogAndUsers.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(SagaCatalog.class)).isSameAs(context.getBean("ownCatalog"));
            assertThat(context.getBean(UserDetailsService.class)).isSameAs(context.getBean("ownUsers"));
        });
    }

    @Test
    void aBadPropertyFailsTheStartNamingThePropertyAndTheValuesItAllows(CapturedOutput output) {
        String[] arguments = Stream.concat(Stream.of(RealServices.asArguments(services)),
                Stream.of(adminAndBrokerUsers()).map(property -> "--" + property))
                .toArray(String[]::new);
        assertThatThrownBy(() -> new SpringApplicationBuilder(WithOrderFulfilment.class)
                .web(WebApplicationType.NONE)
                .run(Stream.concat(Stream.of(arguments),
                        Stream.of("--saga.retention.enabled=true", "--saga.retention.mode=DELETE"))
                        .toArray(String[]::new))
                .close());
        assertThat(output.getOut()).contains("saga.retention.mode").contains("DELETE")
                .contains("The following values are valid").contains("PURGE").contains("ARCHIVE");
    }

    private static WebApplicationContextRunner runner() {
        return new WebApplicationContextRunner()
                // As SpringApplication does: settings such as a DataSize given as "256KB" convert.
                .withInitializer(context -> context.getBeanFactory()
                        .setConversionService(new ApplicationConversionService()))
                .withPropertyValues(services.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .toArray(String[]::new))
                .withPropertyValues(adminAndBrokerUsers());
    }

    /** The admin logins, and every participant publishing as the one broker user the tests log in as. */
    private static String[] adminAndBrokerUsers() {
        String brokerUser = services.get("spring.rabbitmq.username");
        return Stream.concat(Stream.of("saga.admin.viewer.username=viewer", "saga.admin.viewer.password=viewer-pass",
                        "saga.admin.operator.username=operator", "saga.admin.operator.password=operator-pass"),
                Stream.of("order", "inventory", "payment", "shipping", "notification")
                        .map(participant -> "saga.broker-users." + participant + "=" + brokerUser))
                .toArray(String[]::new);
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class WithOrderFulfilment {

        @Bean
        MessageContract orderMessages() {
            return Contracts.ORDER_MESSAGES;
        }

        @Bean
        SagaDefinition<?> orderFulfilmentSaga() {
            return OrderFulfilmentSaga.DEFINITION;
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class WithoutDefinitions {
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class WithOwnCatalogAndUsers {

        @Bean
        MessageContract orderMessages() {
            return Contracts.ORDER_MESSAGES;
        }

        @Bean
        SagaDefinition<?> orderFulfilmentSaga() {
            return OrderFulfilmentSaga.DEFINITION;
        }

        @Bean
        SagaCatalog ownCatalog() {
            return new SagaCatalog(List.of(OrderFulfilmentSaga.DEFINITION), List.of(),
                    new DeadlinePolicy(null, null, 8));
        }

        @Bean
        UserDetailsService ownUsers() {
            return new InMemoryUserDetailsManager();
        }
    }
}

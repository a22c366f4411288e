package dev.saga.orchestrator.app;

import dev.saga.definition.SagaDefinition;
import dev.saga.definition.SagaMigration;
import dev.saga.orderfulfilment.OrderFulfilmentData;
import dev.saga.orderfulfilment.OrderFulfilmentSagaV2;
import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Version 2 of order-fulfilment (parallel stock and payment, a fraud review of large orders, a delayed capture, a
 * deadline for the whole saga), loaded beside version 1 when {@code order-fulfilment.v2.enabled} is true: new order
 * sagas then start on it, and running v1 sagas may move to it at the states both share.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "order-fulfilment.v2.enabled", havingValue = "true")
@EnableConfigurationProperties(OrderFulfilmentVersion2.Settings.class)
public class OrderFulfilmentVersion2 {

    /**
     * Version 2's settings ({@code order-fulfilment.v2.*}).
     *
     * @param enabled          Whether version 2 is loaded, so that new order sagas start on it.
     * @param reviewAboveCents Orders above this amount wait for a fraud review.
     * @param captureDelay     How long after the deduction the payment is captured; {@code 0s} captures at once.
     * @param reviewWait       How long a review may wait for its decision; undecided after that, the order fails.
     * @param finishWithin     How long the whole saga may take.
     */
    @ConfigurationProperties("order-fulfilment.v2")
    public record Settings(boolean enabled, @DefaultValue("100000") long reviewAboveCents,
                           @DefaultValue("10m") Duration captureDelay, @DefaultValue("4h") Duration reviewWait,
                           @DefaultValue("1d") Duration finishWithin) {
    }

    @Bean
    SagaDefinition<OrderFulfilmentData> orderFulfilmentSagaVersion2(Settings settings) {
        return OrderFulfilmentSagaV2.definition(new OrderFulfilmentSagaV2.Settings(settings.reviewAboveCents(),
                settings.captureDelay(), settings.reviewWait(), settings.finishWithin()));
    }

    @Bean
    SagaMigration<?, ?> orderFulfilmentVersion1To2(SagaDefinition<OrderFulfilmentData> orderFulfilmentSagaVersion2) {
        return OrderFulfilmentSagaV2.fromVersion1(orderFulfilmentSagaVersion2);
    }
}

package dev.saga.orchestrator.query;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** Reading sagas and definitions for the admin API: search, details and definition views. */
@Configuration(proxyBeanMethods = false)
@Import({
    SagaSearch.class, SagaViews.class, DefinitionViews.class
})
public class QueryConfiguration {
}

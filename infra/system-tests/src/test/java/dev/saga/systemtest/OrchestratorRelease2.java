package dev.saga.systemtest;

import dev.saga.orchestrator.app.OrchestratorApplication;
import dev.saga.orchestrator.SecondVersionLoaded;
import org.springframework.boot.SpringApplication;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The orchestrator's next release: everything it ran before, plus version 2 of the order-fulfilment saga. */
@Configuration(proxyBeanMethods = false)
@Import({OrchestratorApplication.class, SecondVersionLoaded.class})
public class OrchestratorRelease2 {

    public static void main(String[] args) {
        SpringApplication.run(OrchestratorRelease2.class, args);
    }
}

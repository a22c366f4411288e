package dev.saga.messaging;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.util.PlaceholderResolutionException;

/**
 * Refuses to start a service whose broker password comes from an environment variable that is not set. The
 * services' base configuration has no default password on purpose (only the demo profile has one), and left
 * alone the unresolved placeholder would be sent to the broker as the password: the service would come up
 * and retry a refused login forever. Checked once every property source is in place (command line, test
 * properties), before any bean connects to anything.
 */
final class BrokerPasswordCheck implements BeanFactoryPostProcessor, EnvironmentAware {

    static final String PROPERTY = "spring.rabbitmq.password";

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        check(environment);
    }

    static void check(Environment environment) {
        try {
            environment.getProperty(PROPERTY);
        } catch (PlaceholderResolutionException e) {
            throw new MissingBrokerPasswordException(e.getPlaceholder(),
                    environment.getProperty("spring.rabbitmq.username", "(unnamed)"));
        }
    }
}

package dev.saga.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.tomcat.util.descriptor.web.ErrorPage;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;

/**
 * What a service's HTTP API accepts before a controller sees a request: bodies up to
 * {@code saga.http.max-body-size} (64 KiB unless configured), read as {@link StrictJson}; no NUL in a query
 * parameter ({@link NulInQuery}); and every error it answers, down to those Tomcat raises itself, as problem JSON.
 * Import it into the application's configuration (the orchestrator's admin API and the order service do).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(HttpSettings.class)
public class HttpInput {

    /** Request bodies only: the shared mapper also reads broker messages and stored JSON, and stays lenient. */
    @Bean
    MappingJackson2HttpMessageConverter strictJsonConverter(ObjectMapper json) {
        return new MappingJackson2HttpMessageConverter(StrictJson.forRequests(json));
    }

    @Bean
    FilterRegistrationBean<BodySizeLimit> bodySizeLimit(HttpSettings settings, ObjectMapper json) {
        FilterRegistrationBean<BodySizeLimit> registration = new FilterRegistrationBean<>(
                new BodySizeLimit(settings.maxBodySize().toBytes(), json));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** After the security filters, so only a signed-in client learns which parameter was refused. */
    @Bean
    FilterRegistrationBean<NulInQuery> nulInQuery(ObjectMapper json) {
        FilterRegistrationBean<NulInQuery> registration = new FilterRegistrationBean<>(new NulInQuery(json));
        registration.setOrder(0);
        return registration;
    }

    /**
     * Replaces Tomcat's HTML error report with {@link ProblemReportValve}, and drops Spring Boot's {@code /error}
     * page, whose body is not a problem either; so the valve answers every error the API did not answer itself.
     * Runs after Spring Boot's own customizer, which installs the HTML valve.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports(ObjectMapper json) {
        return factory -> factory.addContextCustomizers(context -> {
            for (ErrorPage page : context.findErrorPages()) {
                context.removeErrorPage(page);
            }
            if (context.getParent() instanceof StandardHost host) {
                Valve[] valves = host.getPipeline().getValves();
                Arrays.stream(valves).filter(ErrorReportValve.class::isInstance)
                        .forEach(host.getPipeline()::removeValve);
                host.getPipeline().addValve(new ProblemReportValve(json));
                host.setErrorReportValveClass(ProblemReportValve.class.getName());
            }
        });
    }
}

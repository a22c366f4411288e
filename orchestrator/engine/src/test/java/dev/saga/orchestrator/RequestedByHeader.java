package dev.saga.orchestrator;

import dev.saga.orchestrator.admin.security.RequestedByFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.client.ClientHttpRequestInterceptor;

/** Test clients of the admin API that send {@code X-Requested-By} on every request, as the console does. */
public final class RequestedByHeader {

    public static final String VALUE = "admin-api-test";

    private RequestedByHeader() {
    }

    /** A copy of the template (same login) that sends the header; the template itself is left as it was. */
    public static TestRestTemplate sentBy(TestRestTemplate template) {
        TestRestTemplate copy = template.withRequestFactorySettings(UnaryOperator.identity());
        List<ClientHttpRequestInterceptor> interceptors = new ArrayList<>(copy.getRestTemplate().getInterceptors());
        interceptors.add((request, body, execution) -> {
            request.getHeaders().set(RequestedByFilter.HEADER, VALUE);
            return execution.execute(request, body);
        });
        copy.getRestTemplate().setInterceptors(interceptors);
        return copy;
    }
}

package dev.saga.orchestrator.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.saga.orchestrator.OrchestratorTestBase;
import dev.saga.orchestrator.RequestedByHeader;
import dev.saga.orchestrator.admin.security.RequestedByFilter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

class AdminSecurityIT extends OrchestratorTestBase {

    private static final Set<RequestMethod> READ_ONLY = EnumSet.of(RequestMethod.GET, RequestMethod.HEAD,
            RequestMethod.OPTIONS);
    /** Path variables filled so that a request that gets past security changes nothing. */
    private static final Map<String, String> HARMLESS = Map.of("id", UUID.randomUUID().toString(),
            "type", "no-such-saga-type", "queue", "not-a-parking-queue", "messageId", "no-such-message",
            "from", "1", "to", "2");
    private static final Pattern VARIABLE = Pattern.compile("\\{([^}:]+)(:[^}]*)?}");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;

    @Test
    void anAnonymousRequestIsUnauthorizedWithAProblemAndTheBasicChallenge() {
        ResponseEntity<JsonNode> anonymous = get(null, "/api/sagas");

        assertProblem(anonymous, HttpStatus.UNAUTHORIZED, "Authentication required");
        assertThat(anonymous.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Basic");
    }

    @Test
    void aScriptsCallIsUnauthorizedWithoutTheBasicChallengeSoNoBrowserPromptKeepsALogin() {
        ResponseEntity<JsonNode> anonymous = RequestedByHeader.sentBy(http).exchange("/api/sagas", HttpMethod.GET,
                null, JsonNode.class);
        ResponseEntity<JsonNode> wrongPassword = RequestedByHeader.sentBy(http.withBasicAuth(VIEWER, "guess"))
                .exchange("/api/sagas", HttpMethod.GET, null, JsonNode.class);
        ResponseEntity<JsonNode> anonymousAction = RequestedByHeader.sentBy(http).exchange(
                "/api/sagas/" + UUID.randomUUID() + "/retry", HttpMethod.POST, null, JsonNode.class);

        for (ResponseEntity<JsonNode> refused : List.of(anonymous, wrongPassword, anonymousAction)) {
            assertProblem(refused, HttpStatus.UNAUTHORIZED, "Authentication required");
            assertThat(refused.getHeaders().get(HttpHeaders.WWW_AUTHENTICATE)).isNull();
        }
        assertThat(wrongPassword.getBody().get("detail").asText()).contains("Wrong user name or password");
    }

    @Test
    void aWrongPasswordIsUnauthorized() {
        ResponseEntity<JsonNode> wrong = http.withBasicAuth(OPERATOR, "guess").exchange("/api/sagas",
                HttpMethod.GET, null, JsonNode.class);

        assertProblem(wrong, HttpStatus.UNAUTHORIZED, "Authentication required");
    }

    @Test
    void aViewerReadsButMayNotAct() {
        UUID sagaId = startOrder();

        assertThat(get(VIEWER, "/api/sagas/" + sagaId).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(get(VIEWER, "/api/definitions").getStatusCode()).isEqualTo(HttpStatus.OK);
        for (String action : new String[] {"retry", "compensate", "resume"}) {
            JsonNode problem = assertProblem(post(VIEWER, "/api/sagas/" + sagaId + "/" + action, null),
                    HttpStatus.FORBIDDEN, "Not allowed");
            assertThat(problem.get("detail").asText()).contains("operator");
        }
        assertProblem(post(VIEWER, "/api/sagas/" + ORDER_FULFILMENT, orderCreated(UUID.randomUUID()),
                idempotencyKey("viewer-start")), HttpStatus.FORBIDDEN, "Not allowed");
        assertThat(kinds(saga(sagaId))).doesNotContain("ADMIN_ACTION");
    }

    @Test
    void everyStateChangingEndpointRefusesARequestWithoutTheRequestedByHeaderEvenFromAnOperator() {
        List<Endpoint> endpoints = stateChangingEndpoints();
        assertThat(endpoints).as("the mappings are found").extracting(Endpoint::toString).contains(
                "POST /api/sagas/{type}", "POST /api/sagas/{id}/retry", "POST /api/sagas/{id}/compensate",
                "POST /api/sagas/{id}/resume", "POST /api/dead-letters/{queue}/replay",
                "DELETE /api/dead-letters/{queue}/{messageId}", "POST /api/definitions/{type}/migrations/{from}/{to}");

        for (Endpoint endpoint : endpoints) {
            HttpHeaders json = new HttpHeaders();
            json.setContentType(MediaType.APPLICATION_JSON);
            ResponseEntity<JsonNode> refused = http.withBasicAuth(OPERATOR, OPERATOR + "-pass").exchange(
                    endpoint.url(), endpoint.method(), new HttpEntity<>("{}", json), JsonNode.class);

            JsonNode problem = assertProblem(refused, HttpStatus.FORBIDDEN, "Header required");
            assertThat(problem.get("detail").asText()).as(endpoint.toString())
                    .contains(RequestedByFilter.HEADER, endpoint.method().name());
        }
    }

    @Test
    void aFormPostedFromAnotherOriginWithTheOperatorsLoginIsRefused() {
        for (Endpoint endpoint : stateChangingEndpoints()) {
            HttpHeaders form = new HttpHeaders();
            form.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
            form.setOrigin("http://evil.example");
            ResponseEntity<JsonNode> refused = http.withBasicAuth(OPERATOR, OPERATOR + "-pass").exchange(
                    endpoint.url(), endpoint.method(), new HttpEntity<>("reason=because", form), JsonNode.class);

            assertProblem(refused, HttpStatus.FORBIDDEN, "Header required");
        }
    }

    @Test
    void withTheHeaderAnOperatorsRequestToEveryStateChangingEndpointGetsPastSecurity() {
        for (Endpoint endpoint : stateChangingEndpoints()) {
            HttpHeaders json = new HttpHeaders();
            json.setContentType(MediaType.APPLICATION_JSON);
            ResponseEntity<JsonNode> passed = as(OPERATOR).exchange(endpoint.url(), endpoint.method(),
                    new HttpEntity<>("{}", json), JsonNode.class);

            assertThat(passed.getStatusCode().value()).as("%s: %s", endpoint, passed.getBody())
                    .isNotIn(HttpStatus.UNAUTHORIZED.value(), HttpStatus.FORBIDDEN.value());
        }
    }

    @Test
    void noEndpointIsMappedToOptionsWhichTheHeaderCheckLetsThrough() {
        assertThat(mappings.getHandlerMethods().keySet()).allSatisfy(info -> assertThat(
                info.getMethodsCondition().getMethods()).as("%s", info).doesNotContain(RequestMethod.OPTIONS));
    }

    @Test
    void healthIsOpenToAll() {
        assertThat(http.getForEntity("/actuator/health", String.class).getStatusCode().is2xxSuccessful()).isTrue();
    }

    @Test
    void aViewerReadsTheOpenApiDescriptionAndTheSwaggerUi() {
        ResponseEntity<JsonNode> docs = get(VIEWER, "/v3/api-docs");

        assertThat(docs.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(docs.getBody().get("paths").has("/api/sagas/{id}/retry")).isTrue();
        assertThat(docs.getBody().get("paths").has("/api/definitions/{type}")).isTrue();
        assertThat(docs.getBody().get("components").get("securitySchemes").has("basic")).isTrue();
        assertThat(docs.getBody().at("/paths/~1api~1sagas~1{id}~1retry/post/parameters").findValuesAsText("name"))
                .contains(RequestedByFilter.HEADER);
        assertThat(docs.getBody().at("/paths/~1api~1sagas~1{id}/get/parameters").findValuesAsText("name"))
                .doesNotContain(RequestedByFilter.HEADER);
        assertThat(as(VIEWER).getForEntity("/swagger-ui/index.html", String.class).getBody())
                .contains("Swagger UI");
        assertThat(as(VIEWER).getForEntity("/swagger-ui.html", String.class).getStatusCode().is2xxSuccessful())
                .as("redirected to the UI").isTrue();
        assertThat(get(null, "/v3/api-docs").getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    /** A method and path the application maps, with its variables filled in harmlessly. */
    private record Endpoint(HttpMethod method, String pattern) {

        String url() {
            Matcher variables = VARIABLE.matcher(pattern);
            StringBuilder url = new StringBuilder();
            while (variables.find()) {
                variables.appendReplacement(url, HARMLESS.getOrDefault(variables.group(1), "none"));
            }
            return variables.appendTail(url).toString();
        }

        @Override
        public String toString() {
            return method + " " + pattern;
        }
    }

    /**
     * Every method and path that may change state, read from Spring MVC's own mappings, so that a new endpoint
     * is covered without anyone listing it here: each mapped method but GET, HEAD and OPTIONS, and for a mapping
     * that names no method (it takes every one) each method that may change state.
     */
    private List<Endpoint> stateChangingEndpoints() {
        List<Endpoint> endpoints = new ArrayList<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            Set<RequestMethod> declared = info.getMethodsCondition().getMethods();
            Set<RequestMethod> methods = declared.isEmpty() ? EnumSet.allOf(RequestMethod.class)
                    : EnumSet.copyOf(declared);
            methods.removeAll(READ_ONLY);
            methods.remove(RequestMethod.TRACE); // the server answers TRACE itself with 405, before any filter
            for (String pattern : info.getPatternValues()) {
                for (RequestMethod method : methods) {
                    endpoints.add(new Endpoint(method.asHttpMethod(), pattern));
                }
            }
        }
        return endpoints;
    }
}

package dev.saga.participant.order;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.saga.messaging.EnvelopeCodec;
import dev.saga.messaging.Topology;
import dev.saga.messaging.testing.RealServices;
import dev.saga.messaging.testing.TestQueue;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One running order service on a database and virtual host of its own, shared by the order service's
 * integration tests, with test queues that see what it publishes: {@code OrderCreated} events and replies.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.config.name=order")
abstract class OrderServiceTestBase {

    @Autowired
    protected TestRestTemplate http;
    @Autowired
    protected JdbcTemplate jdbc;
    @Autowired
    protected RabbitTemplate rabbit;
    @Autowired
    protected EnvelopeCodec codec;
    @Autowired
    private AmqpAdmin admin;

    protected TestQueue orderEvents;
    protected TestQueue replies;

    @DynamicPropertySource
    static void realServices(DynamicPropertyRegistry registry) {
        RealServices.register(registry);
    }

    @BeforeEach
    void bindTestQueues() {
        orderEvents = TestQueue.bound(admin, rabbit, codec, "test.order-created", Topology.EVENTS, "order.created");
        replies = TestQueue.bound(admin, rabbit, codec, "test.replies", Topology.REPLIES, "#");
    }

    /** {@code POST path} with a JSON body given as text, so a test can send JSON no serializer would write. */
    protected ResponseEntity<JsonNode> postJson(String path, String body, HttpHeaders headers) {
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.postForEntity(path, new HttpEntity<>(body, headers), JsonNode.class);
    }

    /** A problem response: the status, {@code application/problem+json}, and its title. */
    protected static JsonNode assertProblem(ResponseEntity<JsonNode> response, HttpStatus status, String title) {
        assertThat(response.getStatusCode()).as("%s", response.getBody()).isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody().get("status").asInt()).isEqualTo(status.value());
        assertThat(response.getBody().get("title").asText()).isEqualTo(title);
        return response.getBody();
    }
}

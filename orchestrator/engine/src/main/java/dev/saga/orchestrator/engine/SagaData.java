package dev.saga.orchestrator.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Component;

/** A saga's data as its row stores it: the definition's data record as JSON text. */
@Component
class SagaData {

    private final ObjectMapper json;

    SagaData(ObjectMapper json) {
        this.json = json;
    }

    String write(Object data) {
        try {
            return json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write saga data " + data, e);
        }
    }

    <D> D read(String data, Class<D> type) {
        try {
            return json.readValue(data, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot read saga data as " + type.getName() + ": " + data, e);
        }
    }
}

package dev.tarkka.error;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads request bodies as JSON whatever the Content-Type says, as Nyrkio's clients expect; unparseable JSON
 * is a 422 like every other body problem.
 */
@ApplicationScoped
public class JsonBodies {

    private final ObjectMapper mapper;

    JsonBodies(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The parsed body, or null when there is none. */
    public JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? null : mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiException.malformedJson(e);
        }
    }
}

package io.cdclab.connect;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/** Connect's validation verdict: how many errors, and which field says what. */
public record ValidationResult(int errorCount, List<FieldError> errors) {

    static ValidationResult from(JsonNode node) {
        List<FieldError> errors = new ArrayList<>();
        for (JsonNode config : node.path("configs")) {
            JsonNode value = config.path("value");
            for (JsonNode message : value.path("errors")) {
                errors.add(new FieldError(value.path("name").asText(), message.asText()));
            }
        }
        return new ValidationResult(node.path("error_count").asInt(), errors);
    }

    public boolean isValid() {
        return errorCount == 0;
    }

    /** One config key and Connect's message about it. */
    public record FieldError(String field, String message) {
        @Override
        public String toString() {
            return field + ": " + message;
        }
    }
}

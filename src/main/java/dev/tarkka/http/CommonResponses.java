package dev.tarkka.http;

import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Adds the answers every endpoint of a kind can give to the OpenAPI document, so that resources document only
 * their own: any endpoint can answer 500 and 503; one that needs a credential, 401; one that reads a body, 413, 415
 * and 422. Each refers to the shared answer declared in {@link ApiDocumentation}.
 */
public class CommonResponses implements OASFilter {

    @Override
    public Operation filterOperation(Operation operation) {
        APIResponses responses = operation.getResponses();
        if (responses == null) {
            responses = OASFactory.createAPIResponses();
            operation.setResponses(responses);
        }
        if (operation.getSecurity() != null && !operation.getSecurity().isEmpty()) {
            add(responses, "401", ApiDocumentation.UNAUTHORIZED);
        }
        if (operation.getRequestBody() != null) {
            add(responses, "413", ApiDocumentation.TOO_LARGE);
            add(responses, "415", ApiDocumentation.UNSUPPORTED_MEDIA_TYPE);
            add(responses, "422", ApiDocumentation.VALIDATION_ERROR);
        }
        add(responses, "500", ApiDocumentation.INTERNAL_ERROR);
        add(responses, "503", ApiDocumentation.UNAVAILABLE);
        return operation;
    }

    private static void add(APIResponses responses, String status, String shared) {
        Map<String, ?> existing = responses.getAPIResponses();
        if (existing == null || !existing.containsKey(status)) {
            responses.addAPIResponse(status, OASFactory.createAPIResponse().ref(shared));
        }
    }
}

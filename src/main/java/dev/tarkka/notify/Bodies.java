package dev.tarkka.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tarkka.http.OutboundHttp;

/** Request bodies and response checks the channels share. */
final class Bodies {

    private Bodies() {
    }

    static byte[] json(ObjectMapper mapper, Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The response's status line when it is a success; a {@link DeliveryFailure} with it otherwise. */
    static String accepted(OutboundHttp.Response response) {
        if (!response.ok()) {
            throw new DeliveryFailure(response.statusLine());
        }
        return response.statusLine();
    }
}

package dev.tarkka.auth;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.MediaType;

import dev.tarkka.error.ApiException;
import dev.tarkka.error.ValidationProblem;
import dev.tarkka.http.Text;

/**
 * An {@code application/x-www-form-urlencoded} body, decoded strictly: a malformed escape or invalid UTF-8
 * is the client's error (422), not a server failure, and no field is silently dropped or truncated.
 */
final class FormBody {

    private FormBody() {
    }

    /** The fields of a form body; the Content-Type must say it is one (logins are never JSON). */
    static Map<String, List<String>> parse(String contentType, byte[] body) {
        if (contentType == null
                || !contentType.split(";", 2)[0].trim().equalsIgnoreCase(MediaType.APPLICATION_FORM_URLENCODED)) {
            throw new ApiException(415, "Unsupported Media Type: send the form as application/x-www-form-urlencoded");
        }
        Map<String, List<String>> fields = new LinkedHashMap<>();
        if (body == null || body.length == 0) {
            return fields;
        }
        for (String pair : new String(body, StandardCharsets.ISO_8859_1).split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = decode(equals < 0 ? "" : pair.substring(equals + 1));
            fields.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return fields;
    }

    private static String decode(String raw) {
        String decoded = Text.percentDecode(raw.replace('+', ' '));
        if (decoded == null) {
            throw ApiException.invalid(ValidationProblem.valueError(List.of("body"),
                    "the form has a malformed percent-escape or is not valid UTF-8", null));
        }
        return decoded;
    }
}

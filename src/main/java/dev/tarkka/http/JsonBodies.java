package dev.tarkka.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import dev.tarkka.error.ApiException;
import dev.tarkka.error.ValidationProblem;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Reads JSON request bodies: strictly (valid UTF-8, one document, no unpaired surrogates) and off the event
 * loop, since a body may be megabytes. Unparseable JSON is a 422 like every other body problem; a body
 * that says it is something other than JSON is a 415.
 */
@ApplicationScoped
public class JsonBodies {

    /** Bodies at least this large are parsed on the {@link CpuPool}; smaller ones take a worker thread briefly. */
    static final int LARGE_BODY = 64 * 1024;
    private static final byte[] UTF8_BOM = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };

    /**
     * Reads values inside a body, so without the mapper's check for trailing tokens: what follows the body's one
     * value is checked in {@link #read(String, byte[], TokenReader)}.
     */
    private final ObjectReader values;
    private final CpuPool cpu;

    JsonBodies(ObjectMapper mapper, CpuPool cpu) {
        this.values = mapper.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.cpu = cpu;
    }

    /** The parsed body (null when there is none), parsed off the event loop. */
    public Uni<JsonNode> read(String contentType, byte[] body) {
        return read(contentType, body, parser -> parser.nextToken() == null ? null : parser.<JsonNode>readValueAsTree())
                .map(JsonBodies::wellFormed);
    }

    /** Reads a body token by token: {@code tokens} gets a parser before the body's first token (null when empty). */
    @FunctionalInterface
    public interface TokenReader<T> {
        T read(JsonParser parser) throws IOException;
    }

    /**
     * The body read by {@code tokens}, off the event loop: for a body whose bulk need not become a tree. The reader
     * consumes one value; anything after it is refused.
     */
    public <T> Uni<T> read(String contentType, byte[] body, TokenReader<T> tokens) {
        return Uni.createFrom().item(() -> {
            if (body != null && body.length > 0) {
                requireJson(contentType);
            }
            return decoded(body == null ? new byte[0] : body, text -> {
                try (JsonParser parser = values.createParser(text)) {
                    parser.setCodec(values); // else trees inside the body are read by the mapper, trailing check on
                    T value = tokens.read(parser);
                    if (parser.nextToken() != null) {
                        // worded as Jackson's own refusal of trailing tokens
                        throw MismatchedInputException.from(parser, JsonNode.class, "Trailing token (of type "
                                + parser.currentToken() + ") found after value (bound as `" + JsonNode.class.getName()
                                + "`): not allowed as per `DeserializationFeature.FAIL_ON_TRAILING_TOKENS`");
                    }
                    return value;
                }
            });
        }).runSubscriptionOn(body != null && body.length >= LARGE_BODY ? cpu.executor()
                : Infrastructure.getDefaultWorkerPool());
    }

    /** Refuses a tree holding a string that is not valid Unicode (an unpaired surrogate); answers the tree. */
    public static JsonNode wellFormed(JsonNode node) {
        if (node != null && !isWellFormed(node)) {
            throw ApiException.invalid(ValidationProblem.invalidText(List.of("body"),
                    "Strings must be valid Unicode (no unpaired surrogates)"));
        }
        return node;
    }

    private interface TextReader<T> {
        T read(Reader text) throws IOException;
    }

    /**
     * What {@code read} makes of the body as strictly UTF-8 text (no replacement of bad bytes), a leading byte-order
     * mark dropped. Decoded as it is parsed: a copy of a long body as text would be most of what reading it allocates.
     */
    private static <T> T decoded(byte[] body, TextReader<T> read) {
        int start = body.length >= UTF8_BOM.length && Arrays.equals(body, 0, UTF8_BOM.length, UTF8_BOM, 0, UTF8_BOM.length)
                ? UTF8_BOM.length : 0;
        CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (Reader text = new InputStreamReader(new ByteArrayInputStream(body, start, body.length - start), strict)) {
            return read.read(text);
        } catch (CharacterCodingException e) {
            throw ApiException.invalid(ValidationProblem.invalidJson("the body is not valid UTF-8"));
        } catch (JsonProcessingException e) {
            throw ApiException.malformedJson(e);
        } catch (IOException e) {
            throw new UncheckedIOException("Reading a body held in memory", e);
        }
    }

    /** Absent or JSON ({@code application/json}, {@code application/*+json}); anything else is refused. */
    private static void requireJson(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return;
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!type.equals("application/json") && !(type.startsWith("application/") && type.endsWith("+json"))) {
            throw new ApiException(415, "Unsupported Media Type: send the body as application/json");
        }
    }

    private static boolean isWellFormed(JsonNode node) {
        if (node.isTextual()) {
            return Text.isWellFormed(node.textValue());
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                if (!Text.isWellFormed(field.getKey()) || !isWellFormed(field.getValue())) {
                    return false;
                }
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                if (!isWellFormed(element)) {
                    return false;
                }
            }
        }
        return true;
    }
}

package dev.tarkka.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class JsonSettingsTest {

    static ObjectMapper mapper() {
        ObjectMapper mapper = new ObjectMapper();
        new JsonSettings().customize(mapper);
        return mapper;
    }

    /** Change reports must be bit-exact, so the fast number parser must give exactly what the JDK's does. */
    @Test
    void numbersReadExactlyAsTheJdkParsesThem() throws Exception {
        Random random = new Random(16);
        StringBuilder json = new StringBuilder("[");
        String[] texts = new String[20_000];
        for (int i = 0; i < texts.length; i++) {
            texts[i] = switch (i % 5) {
                case 0 -> Double.toString(Double.longBitsToDouble(random.nextLong() & 0x7FEF_FFFF_FFFF_FFFFL));
                case 1 -> Double.toString(100 + random.nextGaussian());
                case 2 -> String.format("%.17g", random.nextDouble() * Math.pow(10, random.nextInt(40) - 20));
                case 3 -> random.nextLong() + "." + Math.abs(random.nextInt()) + "e" + (random.nextInt(600) - 300);
                default -> "0." + "0".repeat(random.nextInt(20)) + Math.abs(random.nextLong());
            };
            json.append(i == 0 ? "" : ",").append(texts[i]);
        }
        JsonNode parsed = mapper().readTree(json.append("]").toString());
        for (int i = 0; i < texts.length; i++) {
            assertEquals(Double.doubleToRawLongBits(Double.parseDouble(texts[i])),
                    Double.doubleToRawLongBits(parsed.get(i).doubleValue()), texts[i]);
        }
    }
}

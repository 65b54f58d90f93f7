package dev.tarkka.store;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;

/**
 * The fields a query pins to one plain value in its top-level conjunction: {@code {a: 1, $and: [{b: 2}, {c: {$gt:
 * 3}}]}} pins {@code a} and {@code b}. Every document the query matches has those values, so an index lookup of
 * them yields every match (and perhaps more, which the query itself then filters out).
 */
final class QueryEqualities {

    private QueryEqualities() {
    }

    static Map<String, Object> of(Document query) {
        Map<String, Object> pinned = new LinkedHashMap<>();
        collect(query, pinned);
        return pinned;
    }

    private static void collect(Document query, Map<String, Object> pinned) {
        for (Map.Entry<String, Object> condition : query.entrySet()) {
            if ("$and".equals(condition.getKey()) && condition.getValue() instanceof Collection<?> all) {
                for (Object each : all) {
                    if (each instanceof Document part) {
                        collect(part, pinned);
                    }
                }
            } else if (!condition.getKey().startsWith("$") && isPlainValue(condition.getValue())) {
                // a field pinned to two values matches nothing: either value's lookup still holds every match
                pinned.putIfAbsent(condition.getKey(), condition.getValue());
            }
        }
    }

    /**
     * A value that matches by equality: not null or missing (those also match absent fields), not a list (matched
     * whole or element-wise), not a pattern, not an operator document.
     */
    private static boolean isPlainValue(Object value) {
        if (value == null || value instanceof Missing || value instanceof Collection<?>
                || BsonRegularExpression.isRegularExpression(value)) {
            return false;
        }
        return !(value instanceof Document document) || document.keySet().stream().noneMatch(k -> k.startsWith("$"));
    }
}

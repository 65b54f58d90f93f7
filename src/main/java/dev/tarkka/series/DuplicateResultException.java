package dev.tarkka.results;

import java.util.LinkedHashMap;
import java.util.Map;

import org.bson.Document;

import dev.tarkka.error.ApiException;

/** A point with this key is stored already (or sent twice in one upload); nothing of the upload was kept. */
public class DuplicateResultException extends ApiException {

    DuplicateResultException(Document key) {
        super(400, detail(key));
    }

    private static Map<String, Object> detail(Document key) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("reason", "Result already exists for key");
        detail.put("data", ResultDocuments.publicKey(key));
        return detail;
    }
}

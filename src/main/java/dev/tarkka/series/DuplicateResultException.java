package dev.tarkka.series;

import org.bson.Document;

import dev.tarkka.error.ApiException;

/** A point with this key is stored already (or sent twice in one upload); nothing of the upload was kept. */
public class DuplicateResultException extends ApiException {

    /** The answer's detail: {@code {"reason": ..., "data": <the key>}} (api.md §4.4). */
    public record Detail(String reason, Key data) {
    }

    /** The point's key without its owner, in the stored key's order. */
    public record Key(String gitRepo, String branch, String gitCommit, String testName, long timestamp) {
    }

    DuplicateResultException(Document key) {
        super(400, new Detail("Result already exists for key", PointCodec.publicKey(key)));
    }
}

package dev.tarkka.results;

import java.util.Date;
import java.util.List;

import org.bson.Document;

/**
 * What a test's stored points looked like: how many there were and when the newest write happened.
 * Anything derived from the points (a summary) is current while its stamp equals the store's.
 */
public record SeriesStamp(long count, Date lastModified) {

    /** The stamp of points read from the store. */
    public static SeriesStamp of(List<Document> docs) {
        Date newest = null;
        for (Document doc : docs) {
            Date modified = doc.get("meta", Document.class).getDate("last_modified");
            if (newest == null || modified.after(newest)) {
                newest = modified;
            }
        }
        return new SeriesStamp(docs.size(), newest);
    }
}

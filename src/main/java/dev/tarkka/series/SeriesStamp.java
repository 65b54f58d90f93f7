package dev.tarkka.series;

import java.util.Date;
import java.util.List;

/**
 * What a test's stored points looked like: how many there were and when the newest write happened.
 * Anything derived from the points (a summary) is current while its stamp equals the store's.
 */
public record SeriesStamp(long count, Date lastModified) {

    /** The stamp of points read from the store. */
    public static SeriesStamp of(List<StoredPoint> points) {
        Date newest = null;
        for (StoredPoint point : points) {
            Date modified = Date.from(point.lastModified());
            if (newest == null || modified.after(newest)) {
                newest = modified;
            }
        }
        return new SeriesStamp(points.size(), newest);
    }
}

package dev.tarkka.series;

import java.util.Date;

/**
 * What a test's stored points looked like: how many there were and when the newest write happened.
 * Anything derived from the points (a summary) is current while its stamp equals the store's.
 */
public record SeriesStamp(long count, Date lastModified) {
}

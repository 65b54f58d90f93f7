package dev.tarkka.detection;

import java.util.List;

/**
 * The result of an analysis together with the state an incremental {@link ChangePointDetector#update} needs.
 *
 * @param changePoints the final change points, ascending by index
 * @param state        what to keep for the next update of the same series
 */
public record Analysis(List<ChangePoint> changePoints, AnalysisState state) {

    public Analysis {
        changePoints = List.copyOf(changePoints);
    }
}

package dev.tarkka.changes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Random;

import org.bson.Document;
import org.bson.codecs.DocumentCodec;
import org.bson.codecs.DecoderContext;
import org.bson.codecs.EncoderContext;
import org.bson.io.BasicOutputBuffer;
import org.bson.BsonBinaryReader;
import org.bson.BsonBinaryWriter;
import org.junit.jupiter.api.Test;

import dev.tarkka.detection.Algorithm;
import dev.tarkka.detection.AnalysisState;
import dev.tarkka.detection.ChangePointDetector;
import dev.tarkka.detection.DetectionOptions;

class AnalysisStatesTest {

    static final DetectionOptions OPTIONS = new DetectionOptions(50, 0.001, 0.05, Algorithm.OTAVA);

    /** Noise with level shifts: thousands of recorded tests, as a long history has. */
    static AnalysisState longState() {
        Random random = new Random(7);
        double[] values = new double[20_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = 100 + (i / 5_000) * 3 + random.nextGaussian();
        }
        return ChangePointDetector.analyzeWithState(values, OPTIONS).state();
    }

    /** Through BSON bytes, as the driver writes and reads it. */
    static Document roundTrip(Document doc) {
        BasicOutputBuffer buffer = new BasicOutputBuffer();
        new DocumentCodec().encode(new BsonBinaryWriter(buffer), doc, EncoderContext.builder().build());
        return new DocumentCodec().decode(new BsonBinaryReader(java.nio.ByteBuffer.wrap(buffer.toByteArray())),
                DecoderContext.builder().build());
    }

    @Test
    void aStateReadBackEqualsTheStateWrittenBitForBit() {
        AnalysisState state = longState();
        AnalysisState read = AnalysisStates.fromDocument(roundTrip(AnalysisStates.toDocument(state)));
        assertEquals(state, read);
    }

    @Test
    void aStateSavedWithArraysOfNumbersIsRecomputed() {
        Document old = AnalysisStates.toDocument(longState());
        assertNotNull(AnalysisStates.fromDocument(old));
        old.put("test_pvalues", List.of(0.5, 0.001));
        assertNull(AnalysisStates.fromDocument(old));
    }
}

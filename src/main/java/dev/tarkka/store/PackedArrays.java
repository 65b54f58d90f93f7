package dev.tarkka.store;

import java.nio.ByteBuffer;

import org.bson.types.Binary;

/**
 * Arrays of numbers as one BSON binary each (big-endian): a document holding thousands of numbers stays a few
 * byte arrays for the driver and the store, instead of thousands of array elements each encoded, compared and
 * copied on its own. Doubles keep every bit.
 */
public final class PackedArrays {

    private PackedArrays() {
    }

    public static Binary pack(long[] values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Long.BYTES);
        bytes.asLongBuffer().put(values);
        return new Binary(bytes.array());
    }

    public static Binary pack(int[] values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Integer.BYTES);
        bytes.asIntBuffer().put(values);
        return new Binary(bytes.array());
    }

    public static Binary pack(double[] values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Double.BYTES);
        bytes.asDoubleBuffer().put(values);
        return new Binary(bytes.array());
    }

    public static long[] longs(Binary binary) {
        long[] values = new long[binary.getData().length / Long.BYTES];
        ByteBuffer.wrap(binary.getData()).asLongBuffer().get(values);
        return values;
    }

    public static int[] ints(Binary binary) {
        int[] values = new int[binary.getData().length / Integer.BYTES];
        ByteBuffer.wrap(binary.getData()).asIntBuffer().get(values);
        return values;
    }

    public static double[] doubles(Binary binary) {
        double[] values = new double[binary.getData().length / Double.BYTES];
        ByteBuffer.wrap(binary.getData()).asDoubleBuffer().get(values);
        return values;
    }
}

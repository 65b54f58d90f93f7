package dev.tarkka.store;

import java.nio.ByteBuffer;

import org.h2.mvstore.WriteBuffer;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * How the embedded store writes documents, index keys and object ids into its file: as BSON, the form they arrive
 * in. H2's own type writes them with Java serialization, a new object stream with class descriptors for every
 * document and every key, and the store writes each changed page again at every commit, so under load that was a
 * fifth of the service's CPU. Pages written that way are still read: this type's tags are ones H2 leaves unused. A
 * value BSON cannot hold (none that the wire protocol delivers) is still written the old way.
 */
final class BsonStoredType extends CanonicalKeyType {

    private static final byte DOCUMENT = 20;
    private static final byte KEY = 21;
    private static final byte OBJECT_ID = 22;
    private static final int OBJECT_ID_BYTES = 12;

    /** A reused encoding buffer per thread, dropped when one value made it large. */
    private static final ThreadLocal<ByteBuf> BUFFER = ThreadLocal.withInitial(() -> Unpooled.buffer(1024));
    private static final int LARGEST_KEPT_BUFFER = 1 << 20;

    /** Estimated heap size of a stored document or key, adjusted as they are written and read (as H2 does). */
    private volatile int averageMemory = 1024;

    @Override
    public void write(WriteBuffer out, Object value) {
        if (value instanceof ObjectId id) {
            out.put(OBJECT_ID).put(id.toByteArray());
        } else if (value instanceof Document document) {
            writeBson(out, value, DOCUMENT, document);
        } else if (value instanceof KeyValue key) {
            writeBson(out, value, KEY, keyDocument(key));
        } else {
            super.write(out, value);
        }
    }

    private void writeBson(WriteBuffer out, Object value, byte tag, Document document) {
        ByteBuf buffer = BUFFER.get();
        buffer.clear();
        try {
            BsonEncoder.encodeDocument(document, buffer);
        } catch (IllegalArgumentException notBson) {
            super.write(out, value);
            return;
        } finally {
            if (buffer.capacity() > LARGEST_KEPT_BUFFER) {
                BUFFER.remove();
            }
        }
        out.put(tag).put(buffer.array(), buffer.arrayOffset(), buffer.readableBytes());
        remember(buffer.readableBytes());
    }

    @Override
    public Object read(ByteBuffer in) {
        byte tag = in.get(in.position());
        if (tag != DOCUMENT && tag != KEY && tag != OBJECT_ID) {
            return super.read(in);
        }
        in.get();
        if (tag == OBJECT_ID) {
            byte[] id = new byte[OBJECT_ID_BYTES];
            in.get(id);
            return new ObjectId(id);
        }
        ByteBuf bson = Unpooled.wrappedBuffer(in.duplicate());
        Document document = BsonDecoder.decodeBson(bson);
        in.position(in.position() + bson.readerIndex());
        remember(bson.readerIndex());
        return tag == DOCUMENT ? document : new KeyValue(document.values());
    }

    @Override
    public int getMemory(Object value) {
        if (value instanceof ObjectId) {
            return 48;
        }
        if (value instanceof Document || value instanceof KeyValue) {
            return averageMemory;
        }
        return super.getMemory(value);
    }

    /** On the heap a document takes about three times its BSON size (boxed numbers, map entries). */
    private void remember(int bsonBytes) {
        averageMemory = (int) ((3L * bsonBytes + 15L * averageMemory) / 16);
    }

    /** An index key as a document of its values in order, the way BSON writes an array. */
    private static Document keyDocument(KeyValue key) {
        Document document = new Document();
        int position = 0;
        for (Object value : key) {
            document.put(Integer.toString(position++), value);
        }
        return document;
    }
}

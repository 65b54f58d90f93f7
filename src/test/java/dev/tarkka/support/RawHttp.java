package dev.tarkka.support;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A deliberately dumb HTTP/1.1 client for hostile-input tests: it sends exactly the request line, headers and
 * body bytes it is given (no path normalisation or re-encoding, duplicate headers kept, bodies on any method,
 * no header it was not told to send except {@code Host}, {@code Connection: close} and the body framing).
 * <p>
 * The body is written on a separate thread while the answer is read, so a server that answers early (413)
 * and closes the connection still yields its answer. One connection per request.
 */
public final class RawHttp implements AutoCloseable {

    /** Cap on the answer we are willing to read: an error answer this big is a defect in itself. */
    public static final int MAX_RESPONSE = 8 * 1024 * 1024;

    private final String host;
    private final int port;
    private final ExecutorService writers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "raw-http-writer");
        t.setDaemon(true);
        return t;
    });

    public RawHttp(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** A header line; a null value sends the name alone, without a colon (a malformed line on purpose). */
    public record Header(String name, String value) {
    }

    public record Response(int status, String reason, List<Header> headers, byte[] body) {

        public String header(String name) {
            return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(Header::value).findFirst().orElse(null);
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /**
     * Sends one request. {@code headers} are sent as given, after {@code Host}; {@code Content-Length} (or
     * {@code Transfer-Encoding: chunked}) is added for a non-null body unless {@code frame} is false.
     */
    public Response send(String method, String target, List<Header> headers, byte[] body, boolean chunked, boolean frame,
            Duration timeout) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 5_000);
            socket.setSoTimeout((int) timeout.toMillis());
            socket.setTcpNoDelay(true);
            StringBuilder head = new StringBuilder();
            head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
            head.append("Host: ").append(host).append(':').append(port).append("\r\n");
            for (Header h : headers) {
                head.append(h.name());
                if (h.value() != null) {
                    head.append(": ").append(h.value());
                }
                head.append("\r\n");
            }
            if (body != null && frame) {
                if (chunked) {
                    head.append("Transfer-Encoding: chunked\r\n");
                } else {
                    head.append("Content-Length: ").append(body.length).append("\r\n");
                }
            }
            head.append("Connection: close\r\n\r\n");
            byte[] headBytes = head.toString().getBytes(StandardCharsets.UTF_8);
            OutputStream out = socket.getOutputStream();
            Future<?> writer = writers.submit(() -> {
                out.write(headBytes);
                if (body != null) {
                    if (chunked) {
                        for (int off = 0; off < body.length; off += 65_536) {
                            int len = Math.min(65_536, body.length - off);
                            out.write((Integer.toHexString(len) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                            out.write(body, off, len);
                            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                        }
                        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    } else {
                        out.write(body);
                    }
                }
                out.flush();
                return null;
            });
            try {
                return read(socket.getInputStream(), method);
            } catch (IOException e) {
                String writeError = writerError(writer);
                throw writeError == null ? e : new IOException(e.getMessage() + " (while sending: " + writeError + ")", e);
            } finally {
                writer.cancel(true);
            }
        }
    }

    private static String writerError(Future<?> writer) {
        try {
            writer.get(100, TimeUnit.MILLISECONDS);
            return null;
        } catch (Exception e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return cause.getClass().getSimpleName() + ": " + cause.getMessage();
        }
    }

    private static Response read(InputStream raw, String method) throws IOException {
        InputStream in = new java.io.BufferedInputStream(raw, 65_536);
        while (true) {
            String statusLine = line(in, true);
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
                throw new IOException("not an HTTP status line: " + statusLine);
            }
            int status = Integer.parseInt(parts[1]);
            List<Header> headers = new ArrayList<>();
            for (String l = line(in, false); !l.isEmpty(); l = line(in, false)) {
                int colon = l.indexOf(':');
                headers.add(colon < 0 ? new Header(l, "") : new Header(l.substring(0, colon).trim(), l.substring(colon + 1).trim()));
            }
            if (status >= 100 && status < 200) {
                continue; // 100 Continue and friends
            }
            Response partial = new Response(status, parts.length > 2 ? parts[2] : "", headers, new byte[0]);
            if (method.equals("HEAD") || status == 204 || status == 304) {
                return partial;
            }
            String te = partial.header("Transfer-Encoding");
            String cl = partial.header("Content-Length");
            byte[] body;
            if (te != null && te.toLowerCase(Locale.ROOT).contains("chunked")) {
                body = chunked(in);
            } else if (cl != null) {
                int length = Integer.parseInt(cl.trim());
                if (length > MAX_RESPONSE) {
                    throw new TooLarge(status, "Content-Length " + length);
                }
                body = in.readNBytes(length);
                if (body.length < length) {
                    throw new IOException("answer truncated: " + body.length + " of " + length + " bytes (status " + status + ")");
                }
            } else {
                body = readToEnd(in);
            }
            return new Response(status, partial.reason(), headers, body);
        }
    }

    /** The answer was bigger than {@link #MAX_RESPONSE}; reading stopped there. */
    public static final class TooLarge extends IOException {
        public TooLarge(int status, String what) {
            super("answer over " + MAX_RESPONSE / (1024 * 1024) + " MB (" + (status > 0 ? "status " + status + ", " : "") + what + ")");
        }
    }

    private static byte[] chunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = line(in, false);
            int semi = sizeLine.indexOf(';');
            int size = Integer.parseInt((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).trim(), 16);
            if (size == 0) {
                while (!line(in, false).isEmpty()) {
                    // trailers
                }
                return body.toByteArray();
            }
            if (body.size() + size > MAX_RESPONSE) {
                throw new TooLarge(-1, "chunked, over " + MAX_RESPONSE + " bytes");
            }
            byte[] chunk = in.readNBytes(size);
            if (chunk.length < size) {
                throw new IOException("answer truncated inside a chunk");
            }
            body.write(chunk);
            line(in, false);
        }
    }

    private static byte[] readToEnd(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[65_536];
        for (int n; (n = in.read(buffer)) >= 0;) {
            body.write(buffer, 0, n);
            if (body.size() > MAX_RESPONSE) {
                throw new TooLarge(-1, "unframed, over " + MAX_RESPONSE + " bytes");
            }
        }
        return body.toByteArray();
    }

    private static String line(InputStream in, boolean first) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b; (b = in.read()) != '\n';) {
            if (b < 0) {
                throw first && line.size() == 0 ? new EOFException("connection closed without an answer")
                        : new EOFException("connection closed in the middle of the answer");
            }
            if (b != '\r') {
                line.write(b);
            }
            if (line.size() > 1_000_000) {
                throw new IOException("header line too long");
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        writers.shutdownNow();
    }
}

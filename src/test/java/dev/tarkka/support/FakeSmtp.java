package dev.tarkka.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;

/** An SMTP server on loopback that takes every mail and keeps it: the mail channel's fake. */
public final class FakeSmtp {

    /** A mail as it was sent: its recipients and its data (headers and body). */
    public record Mail(List<String> to, String data) {

        public String header(String name) {
            for (String line : data.split("\r\n")) {
                if (line.isEmpty()) {
                    break;
                }
                if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                    return line.substring(name.length() + 1).trim();
                }
            }
            return null;
        }
    }

    private final Vertx vertx = Vertx.vertx();
    private final NetServer server;
    public final List<Mail> mails = new CopyOnWriteArrayList<>();

    public FakeSmtp() {
        try {
            server = vertx.createNetServer().connectHandler(this::session).listen(0, "127.0.0.1")
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public int port() {
        return server.actualPort();
    }

    public void close() {
        vertx.close();
    }

    private void session(NetSocket socket) {
        List<String> to = new CopyOnWriteArrayList<>();
        StringBuilder data = new StringBuilder();
        boolean[] inData = { false };
        RecordParser lines = RecordParser.newDelimited("\r\n", line -> {
            String text = line.toString();
            if (inData[0]) {
                if (text.equals(".")) {
                    inData[0] = false;
                    mails.add(new Mail(List.copyOf(to), data.toString()));
                    to.clear();
                    data.setLength(0);
                    reply(socket, "250 queued");
                } else {
                    data.append(text.startsWith("..") ? text.substring(1) : text).append("\r\n");
                }
                return;
            }
            String command = text.length() >= 4 ? text.substring(0, 4).toUpperCase(java.util.Locale.ROOT) : text;
            switch (command) {
                case "EHLO", "HELO" -> reply(socket, "250 fake-smtp");
                case "MAIL", "RSET", "NOOP" -> reply(socket, "250 ok");
                case "RCPT" -> {
                    to.add(text.replaceAll("(?i)^RCPT TO:\\s*<?([^>]*)>?.*$", "$1"));
                    reply(socket, "250 ok");
                }
                case "DATA" -> {
                    inData[0] = true;
                    reply(socket, "354 end with .");
                }
                case "QUIT" -> {
                    reply(socket, "221 bye");
                    socket.close();
                }
                default -> reply(socket, "502 not implemented");
            }
        });
        socket.handler(lines);
        reply(socket, "220 fake-smtp ready");
    }

    private static void reply(NetSocket socket, String line) {
        socket.write(Buffer.buffer(line + "\r\n"));
    }
}

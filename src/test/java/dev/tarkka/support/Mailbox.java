package dev.tarkka.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The mails the fake SMTP server got, as a person reads their inbox. */
public final class Mailbox {

    private static final Pattern TOKEN = Pattern.compile("\"token\": \"([A-Za-z0-9_-]+)\"");

    private Mailbox() {
    }

    /** The mails sent to the address so far. */
    public static List<Map<String, Object>> to(String address) {
        return Fakes.mails().stream().filter(m -> ((List<?>) m.get("to")).stream()
                .anyMatch(to -> to.toString().contains(address))).toList();
    }

    /** Waits for the {@code n}-th mail to the address and answers the token in it. */
    public static String token(String address, int n) {
        await().atMost(Duration.ofSeconds(60)).until(() -> to(address).size() >= n);
        String data = (String) to(address).get(n - 1).get("data");
        // quoted-printable soft line breaks, if the mailer folded the long lines
        Matcher matcher = TOKEN.matcher(data.replace("=\r\n", "").replace("=3D", "="));
        if (!matcher.find()) {
            throw new AssertionError("No token in the mail: " + data);
        }
        return matcher.group(1);
    }
}

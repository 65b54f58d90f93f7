package dev.tarkka.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One registered user and its two credentials: the login token a person's browser would use (readers) and
 * the long-lived API token a CI pipeline would use (uploaders).
 */
record UserSession(int index, String email, String loginToken, String apiToken) {

    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

    /** Registers {@code count} fresh users; the run id keeps the emails unique on a reused instance. */
    static List<UserSession> registerAll(ApiClient api, int count, String runId) throws InterruptedException {
        List<UserSession> sessions = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            sessions.add(register(api, i, "load-" + runId + "-" + i + "@example.com"));
        }
        return sessions;
    }

    private static UserSession register(ApiClient api, int index, String email) throws InterruptedException {
        String password = "load-" + index + "-secret";
        String account = "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}";
        expect(api.postJson(Endpoint.REGISTER, "/api/v0/auth/register", null, account), 201, "register " + email);

        ApiClient.Response login = expect(api.postForm(Endpoint.LOGIN, "/api/v0/auth/jwt/login",
                Map.of("username", email, "password", password)), 200, "log in " + email);
        String loginToken = accessToken(login, "login");

        ApiClient.Response token = expect(api.postJson(Endpoint.API_TOKEN, "/api/v0/auth/token", loginToken, ""),
                200, "create an API token for " + email);
        return new UserSession(index, email, loginToken, accessToken(token, "API token"));
    }

    private static ApiClient.Response expect(ApiClient.Response response, int status, String what) {
        if (response == null) {
            throw new IllegalStateException("could not " + what + ": no answer (connection dropped or timed out)");
        }
        if (response.status() != status) {
            throw new IllegalStateException("could not " + what + ": HTTP " + response.status() + " " + response.body());
        }
        return response;
    }

    private static String accessToken(ApiClient.Response response, String what) {
        Matcher matcher = ACCESS_TOKEN.matcher(response.body());
        if (!matcher.find()) {
            throw new IllegalStateException("no access_token in the " + what + " answer: " + response.body());
        }
        return matcher.group(1);
    }
}

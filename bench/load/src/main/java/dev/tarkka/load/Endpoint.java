package dev.tarkka.load;

/** What the report groups requests by: one row per route the harness exercises. */
enum Endpoint {
    REGISTER("POST /auth/register"),
    LOGIN("POST /auth/jwt/login"),
    API_TOKEN("POST /auth/token"),
    UPLOAD("POST /result/{name}"),
    CHANGES("GET /result/{name}/changes"),
    RESULTS("GET /results"),
    SERIES("GET /result/{name}"),
    SUMMARY("GET /result/{prefix}/summary"),
    SUMMARY_SIBLINGS("GET /result/summarySiblings"),
    SUMMARY_CHILDREN("GET /result/{parent}/summarySiblings"),
    LIVENESS("GET /q/health/live");

    private final String label;

    Endpoint(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }
}

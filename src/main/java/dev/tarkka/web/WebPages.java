package dev.tarkka.web;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.NonBlocking;

/**
 * The dashboard's pages. Each is a shell rendered from a Qute template (the layout, the page's own markup and
 * script); the script reads the data from the API with the login cookie, so a page holds nothing of a user's data
 * before its reader has signed in. Scripts and styles are files under {@code /assets}: the Content-Security-Policy
 * ({@code dev.tarkka.http.SecurityHeaders}) runs nothing inline.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
@NonBlocking
public class WebPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance tests();

        static native TemplateInstance test();

        static native TemplateInstance commits();

        static native TemplateInstance pulls();

        static native TemplateInstance settings();

        static native TemplateInstance login();
    }

    /** The test tree. */
    @GET
    public TemplateInstance tests() {
        return Templates.tests();
    }

    /** A test's charts: {@code /tests/<test name, slashes included>}, the link notifications send. */
    @GET
    @Path("tests/{name: .+}")
    public TemplateInstance test() {
        return Templates.test();
    }

    @GET
    @Path("commits")
    public TemplateInstance commits() {
        return Templates.commits();
    }

    @GET
    @Path("pulls")
    public TemplateInstance pulls() {
        return Templates.pulls();
    }

    @GET
    @Path("settings")
    public TemplateInstance settings() {
        return Templates.settings();
    }

    @GET
    @Path("login")
    public TemplateInstance login() {
        return Templates.login();
    }
}

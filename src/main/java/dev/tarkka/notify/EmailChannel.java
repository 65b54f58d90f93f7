package dev.tarkka.notify;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.tarkka.userconfig.NotifierSettings;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.Uni;

/**
 * Mail through the Quarkus mailer (SMTP settings under {@code quarkus.mailer.*}) to the owner's
 * {@code notifiers.email} addresses. Every send of one notification has the same Message-ID, so a mail system
 * that has it already drops a repeat. Needs {@code quarkus.mailer.from}: without it no mail is recorded.
 */
@ApplicationScoped
class EmailChannel implements Channel {

    private final ReactiveMailer mailer;
    private final Messages messages;
    private final Optional<String> from;

    EmailChannel(ReactiveMailer mailer, Messages messages,
            @ConfigProperty(name = "quarkus.mailer.from") Optional<String> from) {
        this.mailer = mailer;
        this.messages = messages;
        this.from = from;
    }

    @Override
    public String name() {
        return "email";
    }

    @Override
    public boolean configured(NotifierSettings settings) {
        return !settings.email().isEmpty() && from.isPresent();
    }

    @Override
    public Uni<String> deliver(OutboxEntry entry, NotifierSettings settings) {
        Mail mail = new Mail().setTo(settings.email()).setSubject("[Tarkka] " + messages.title(entry.change()))
                .setText(messages.text(entry.change()))
                .addHeader("Message-ID", "<" + entry.id() + "@tarkka>");
        return mailer.send(mail).replaceWith("sent to " + settings.email().size() + " address(es)");
    }

    @Override
    public Uni<String> test(NotifierSettings settings) {
        Mail mail = new Mail().setTo(settings.email()).setSubject("[Tarkka] Test message")
                .setText("Tarkka test message: notifications reach this address.\n");
        return mailer.send(mail).replaceWith("sent to " + settings.email().size() + " address(es)");
    }
}

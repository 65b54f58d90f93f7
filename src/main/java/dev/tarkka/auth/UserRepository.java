package dev.tarkka.auth;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.mongodb.panache.reactive.ReactivePanacheMongoRepository;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class UserRepository implements ReactivePanacheMongoRepository<UserAccount> {

    public Uni<UserAccount> findByEmail(String email) {
        return find("email_key", UserAccount.emailKey(email)).firstResult();
    }
}

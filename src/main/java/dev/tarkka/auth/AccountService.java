package dev.tarkka.auth;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import jakarta.enterprise.inject.Instance;

import org.bson.types.ObjectId;
import org.jboss.logging.Logger;

import dev.tarkka.error.ApiException;
import dev.tarkka.store.StoreErrors;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** Accounts and tokens: registration, password login, API tokens and their revocation. */
@ApplicationScoped
public class AccountService {

    static final String BAD_CREDENTIALS = "LOGIN_BAD_CREDENTIALS";
    private static final Logger LOG = Logger.getLogger(AccountService.class);

    private final UserRepository users;
    private final ApiTokenRepository tokens;
    private final PasswordHasher hasher;
    private final TokenIssuer issuer;
    private final Instance<AccountSetup> setups;
    private final LoginThrottle throttle;
    private final AccountFlows flows;

    AccountService(UserRepository users, ApiTokenRepository tokens, PasswordHasher hasher, TokenIssuer issuer,
            Instance<AccountSetup> setups, LoginThrottle throttle, AccountFlows flows) {
        this.flows = flows;
        this.users = users;
        this.tokens = tokens;
        this.hasher = hasher;
        this.issuer = issuer;
        this.setups = setups;
        this.throttle = throttle;
    }

    /**
     * Registers an active, unprivileged user (privilege fields of the request never get here) and sets the
     * account up ({@link AccountSetup}: the example test). The account is verified at once, unless
     * {@code tarkka.auth.email-verification} is on: then a verification link is mailed and login waits for it.
     */
    public Uni<UserAccount> register(String email, String password) {
        return users.findByEmail(email)
                .onItem().ifNotNull().failWith(() -> ApiException.badRequest("REGISTER_USER_ALREADY_EXISTS"))
                .chain(() -> hasher.hash(password))
                .chain(hash -> {
                    UserAccount account = new UserAccount();
                    account.email = email.strip();
                    account.emailKey = UserAccount.emailKey(email);
                    account.hashedPassword = hash;
                    account.verified = !flows.verificationRequired();
                    account.created = now();
                    return users.persist(account);
                })
                .call(account -> setUp(account.id))
                .invoke(account -> {
                    if (!account.verified) {
                        flows.requestVerification(account.email);
                    }
                })
                // Two registrations racing past the lookup: the unique index decides.
                .onFailure(StoreErrors::isDuplicateKey)
                .transform(e -> ApiException.badRequest("REGISTER_USER_ALREADY_EXISTS"));
    }

    private Uni<Void> setUp(ObjectId userId) {
        return Multi.createFrom().iterable(setups.stream().toList())
                .onItem().transformToUniAndConcatenate(setup -> setup.setUp(userId).onFailure().recoverWithItem(e -> {
                    LOG.warnf("Account %s not fully set up (%s): %s", userId, setup.getClass().getSimpleName(),
                            e.getMessage());
                    return null;
                }))
                .collect().last().replaceWithVoid();
    }

    /**
     * The account for these credentials; the same answer, in about the same time, for every failure. An
     * account with too many recent failures is refused (429) before its password is even checked.
     */
    public Uni<UserAccount> login(String email, String password) {
        return throttle.attempt(email)
                .chain(() -> users.findByEmail(email))
                .chain(account -> hasher.matches(password, account == null ? null : account.hashedPassword)
                        .map(matches -> matches && account.active ? account : null))
                .onItem().ifNull().failWith(() -> {
                    throttle.failed();
                    return ApiException.badRequest(BAD_CREDENTIALS);
                })
                .invoke(account -> {
                    if (!account.verified) {
                        throw ApiException.badRequest("LOGIN_USER_NOT_VERIFIED");
                    }
                })
                .call(account -> throttle.succeeded(email));
    }

    public String sessionToken(UserAccount account) {
        return issuer.sessionToken(account);
    }

    public Uni<String> createApiToken(AuthenticatedUser user) {
        return createApiToken(user, null);
    }

    /** A new API token of the user's own, or one that acts only for the organization (not null). */
    public Uni<String> createApiToken(AuthenticatedUser user, ObjectId orgId) {
        if (user.orgScope() != null) {
            return Uni.createFrom().failure(Caller.scopedTokenRefused());
        }
        ApiToken token = new ApiToken();
        token.id = UUID.randomUUID().toString();
        token.userId = user.id();
        token.orgId = orgId;
        token.created = now();
        return users.findById(user.id())
                .onItem().ifNull().failWith(() -> new io.quarkus.security.UnauthorizedException())
                .chain(account -> tokens.persist(token).map(saved -> issuer.apiToken(account, saved)));
    }

    public Uni<List<ApiToken>> apiTokens(ObjectId userId) {
        return tokens.listByUser(userId);
    }

    public Uni<Void> revokeApiToken(ObjectId userId, String tokenId) {
        return tokens.deleteOwned(tokenId, userId)
                .chain(deleted -> deleted ? Uni.createFrom().voidItem()
                        : Uni.createFrom().failure(ApiException.notFound()));
    }

    /** Creates or updates the administrator named by the configuration. */
    public Uni<UserAccount> ensureAdministrator(String email, String password) {
        return Uni.combine().all().unis(users.findByEmail(email), hasher.hash(password)).asTuple()
                .chain(found -> {
                    UserAccount account = found.getItem1() != null ? found.getItem1() : new UserAccount();
                    if (account.id == null) {
                        account.email = email.strip();
                        account.emailKey = UserAccount.emailKey(email);
                        account.created = now();
                    }
                    account.hashedPassword = found.getItem2();
                    account.active = true;
                    account.verified = true;
                    account.superuser = true;
                    return users.persistOrUpdate(account);
                });
    }

    /** Millisecond precision: what MongoDB stores, so values read back compare equal. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}

package io.scalewatch.azure.testing;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import reactor.core.publisher.Mono;

/** A credential that hands out one fixed token and records the scopes asked for. */
public final class StaticTokenCredential implements TokenCredential {
    /** The token every server expects. */
    public static final String TOKEN = "loopback-test-token";
    private final List<List<String>> scopes = new CopyOnWriteArrayList<>();

    @Override
    public Mono<AccessToken> getToken(TokenRequestContext request) {
        scopes.add(List.copyOf(request.getScopes()));
        return Mono.just(new AccessToken(TOKEN, OffsetDateTime.now().plusHours(1)));
    }

    @Override
    public AccessToken getTokenSync(TokenRequestContext request) {
        scopes.add(List.copyOf(request.getScopes()));
        return new AccessToken(TOKEN, OffsetDateTime.now().plusHours(1));
    }

    /** Scopes of every token request. */
    public List<List<String>> scopes() {
        return List.copyOf(scopes);
    }
}

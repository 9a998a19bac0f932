package io.scalewatch.azure.testing;

import io.scalewatch.azure.testing.LoopbackHttpsServer.Reply;
import io.scalewatch.azure.testing.LoopbackHttpsServer.Request;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/** Entra ID on a {@link LoopbackHttpsServer}: instance discovery, OpenID metadata and the v2.0 token endpoint. */
public final class EntraRoutes {
    private EntraRoutes() {}

    /** The answer of an Entra at {@code base} for {@code tenant}; {@code token} judges the token request's form. */
    public static Reply route(Request request, String base, String tenant, Function<Map<String, String>, Reply> token) {
        if (request.path().equals("/" + tenant + "/oauth2/v2.0/token") && request.method().equals("POST")) {
            return token.apply(form(request.body()));
        }
        if (request.path().endsWith("/discovery/instance")) {
            return Reply.json(200, "{\"tenant_discovery_endpoint\":\"" + base + "/" + tenant
                    + "/v2.0/.well-known/openid-configuration\",\"api-version\":\"1.1\",\"metadata\":[{\"preferred_network\":\""
                    + URI.create(base).getAuthority() + "\",\"preferred_cache\":\"" + URI.create(base).getAuthority()
                    + "\",\"aliases\":[\"" + URI.create(base).getAuthority() + "\"]}]}");
        }
        if (request.path().endsWith("/.well-known/openid-configuration")) {
            return Reply.json(200, "{\"token_endpoint\":\"" + base + "/" + tenant + "/oauth2/v2.0/token\","
                    + "\"authorization_endpoint\":\"" + base + "/" + tenant + "/oauth2/v2.0/authorize\","
                    + "\"issuer\":\"" + base + "/" + tenant + "/v2.0\"}");
        }
        return Reply.json(404, "{\"error\":\"not_found\",\"error_description\":\"no route\"}");
    }

    /** A form-encoded body as a map. */
    public static Map<String, String> form(String body) {
        Map<String, String> out = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }
}

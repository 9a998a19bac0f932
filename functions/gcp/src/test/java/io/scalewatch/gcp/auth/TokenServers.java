package io.scalewatch.gcp.auth;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.auth.http.HttpTransportFactory;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * OAuth token endpoints (Google's oauth2 token endpoint, STS token exchange, IAM Credentials generateAccessToken) and
 * the AWS instance metadata service on loopback, answering with fixtures from src/test/resources/gcp/auth.
 */
final class TokenServers implements AutoCloseable {
    /** One recorded request. */
    record Request(String host, String method, String path, Map<String, String> headers, String body) {
        /** The body as form fields. */
        Map<String, String> form() {
            Map<String, String> fields = new LinkedHashMap<>();
            for (String pair : body.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
            return fields;
        }
    }

    /** An answer: status and body. */
    record Answer(int status, String body) {}

    /** The host a request was meant for, set by {@link #transport()}. */
    static final String HOST_HEADER = "x-scalewatch-test-host";

    private final HttpServer server;
    private final Map<String, Function<Request, Answer>> routes = new LinkedHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    TokenServers() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /**
     * A google-http-client transport that sends every request, whatever its URL (https://sts.googleapis.com,
     * http://169.254.169.254, ...), to this server in plain HTTP, naming the intended host in a header.
     */
    HttpTransportFactory transport() {
        int port = server.getAddress().getPort();
        return () -> new NetHttpTransport.Builder().setConnectionFactory(url -> {
            HttpURLConnection connection =
                    (HttpURLConnection) new URL("http", "127.0.0.1", port, url.getFile()).openConnection();
            connection.setRequestProperty(HOST_HEADER, url.getHost());
            return connection;
        }).build();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    TokenServers route(String route, Function<Request, Answer> answer) {
        routes.put(route, answer);
        return this;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.get(0)));
            Request request = new Request(headers.getOrDefault(HOST_HEADER, ""), exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), headers,
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            requests.add(request);
            Function<Request, Answer> route = routes.get(request.method() + " " + request.path());
            Answer answer = route == null ? new Answer(404, "not found") : route.apply(request);
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type",
                    answer.body().startsWith("{") ? "application/json; charset=UTF-8" : "text/plain");
            exchange.sendResponseHeaders(answer.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    static String fixture(String name) {
        try (InputStream in = TokenServers.class.getResourceAsStream("/gcp/auth/" + name)) {
            if (in == null) {
                throw new AssertionError("missing fixture /gcp/auth/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

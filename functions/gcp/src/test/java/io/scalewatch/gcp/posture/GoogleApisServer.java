package io.scalewatch.gcp.posture;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Google REST APIs on loopback (HTTP/1.1, JSON): answers {@code METHOD path?query} routes with fixture files from
 * src/test/resources/gcp/rest (the APIs' real response and error shapes), plays scripted answers first, and records
 * every request (method, path and query as received, body, Authorization header). Unknown routes get Google's 404.
 */
public final class GoogleApisServer implements AutoCloseable {
    /** One recorded request. */
    public record Request(String method, String path, String body, String authorization) {}

    /** One answer: status, fixture file (or inline JSON for tiny cases), extra headers. */
    public record Answer(int status, String body, Map<String, String> headers) {
        static Answer file(int status, String fixture) {
            return new Answer(status, fixture(fixture), Map.of());
        }
    }

    private final HttpServer server;
    private final Map<String, Answer> routes = new HashMap<>();
    private final Map<String, Deque<Answer>> scripted = new HashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    private GoogleApisServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public static GoogleApisServer start() throws IOException {
        return new GoogleApisServer();
    }

    /** http://127.0.0.1:port */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers {@code METHOD path?query} with a fixture, every time. */
    public GoogleApisServer route(String route, int status, String fixture) {
        synchronized (routes) {
            routes.put(route, Answer.file(status, fixture));
        }
        return this;
    }

    /** Answers the next requests of a route with these, before its regular answer. */
    GoogleApisServer script(String route, Answer... answers) {
        synchronized (routes) {
            scripted.computeIfAbsent(route, k -> new ArrayDeque<>()).addAll(List.of(answers));
        }
        return this;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String target = exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            requests.add(new Request(exchange.getRequestMethod(), target, body, authorization == null ? "" : authorization));
            String route = exchange.getRequestMethod() + " " + target;
            Answer answer;
            synchronized (routes) {
                Deque<Answer> next = scripted.get(route);
                answer = next != null && !next.isEmpty() ? next.poll() : routes.get(route);
            }
            if (answer == null) {
                answer = new Answer(404, "{\"error\":{\"code\":404,\"message\":\"Requested entity was not found.\","
                        + "\"status\":\"NOT_FOUND\"}}", Map.of());
            }
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
            answer.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            exchange.sendResponseHeaders(answer.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    static String fixture(String name) {
        try (InputStream in = GoogleApisServer.class.getResourceAsStream("/gcp/rest/" + name)) {
            if (in == null) {
                throw new AssertionError("missing fixture /gcp/rest/" + name);
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

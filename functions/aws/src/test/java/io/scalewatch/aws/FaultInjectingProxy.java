package io.scalewatch.aws;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

/**
 * A loopback HTTP proxy in front of the emulator that injects scripted faults: requests are matched by method,
 * path, query and a header (e.g. {@code X-Amz-Target}); a matching rule answers in place of the emulator (an S3
 * {@code 503 SlowDown} XML error, a Security Hub {@code 429} JSON error) or rewrites the exchange (forward part of
 * a batch and report the rest as FailedFindings). Everything else is forwarded unchanged, and every request is
 * recorded so a test can assert what the SDK sent. Built on the JDK's HTTP server and client: no dependency.
 *
 * <pre>{@code
 * try (FaultInjectingProxy proxy = FaultInjectingProxy.start(Moto.endpoint())) {
 *     proxy.on("PUT", "/bucket/.+").times(2).respond(Response.of(503, "application/xml", slowDownXml));
 *     S3Client s3 = Moto.s3(proxy.endpoint());
 * }
 * }</pre>
 */
public final class FaultInjectingProxy implements AutoCloseable {
    // the JDK client refuses to set these; it derives them itself
    private static final Set<String> NOT_FORWARDED = Set.of("connection", "content-length", "expect", "host",
            "upgrade", "transfer-encoding", "keep-alive", "proxy-connection");

    /**
     * One request as the proxy received it.
     *
     * @param path the decoded path rules and tests match (S3 keys as written, {@code =} not {@code %3D})
     * @param rawPath the path as sent, forwarded unchanged
     * @param query the raw query string, empty when none
     */
    public record Request(String method, String path, String rawPath, String query, Map<String, List<String>> headers,
            byte[] body) {
        /** The first value of a header (case-insensitive), empty when absent. */
        public String header(String name) {
            for (Map.Entry<String, List<String>> header : headers.entrySet()) {
                if (header.getKey().equalsIgnoreCase(name) && !header.getValue().isEmpty()) {
                    return header.getValue().get(0);
                }
            }
            return "";
        }

        /** The body as UTF-8 text. */
        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** This request with another body (headers that depend on the body are recomputed when forwarded). */
        public Request withBody(byte[] newBody) {
            return new Request(method, path, rawPath, query, headers, newBody);
        }
    }

    /** A response to send back to the client. */
    public record Response(int status, Map<String, List<String>> headers, byte[] body) {
        /** A response with a content type, body text and extra header name/value pairs. */
        public static Response of(int status, String contentType, String body, String... headerPairs) {
            Map<String, List<String>> headers = new LinkedHashMap<>();
            headers.put("Content-Type", List.of(contentType));
            for (int i = 0; i + 1 < headerPairs.length; i += 2) {
                headers.put(headerPairs[i], List.of(headerPairs[i + 1]));
            }
            return new Response(status, headers, body.getBytes(StandardCharsets.UTF_8));
        }

        /** The body as UTF-8 text. */
        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** This response with another body. */
        public Response withBody(String text) {
            return new Response(status, headers, text.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Sends a request on to the emulator. */
    public interface Upstream {
        Response forward(Request request);
    }

    /** What a rule does with a matching request. */
    public interface Action {
        Response apply(Request request, Upstream upstream);
    }

    /** A scripted fault; see {@link FaultInjectingProxy#on(String, String)}. */
    public final class Rule {
        private final String method;
        private final Pattern path;
        private Pattern query = Pattern.compile(".*");
        private String headerName = "";
        private Pattern headerValue = Pattern.compile(".*");
        private int remaining = Integer.MAX_VALUE;
        private Action action;
        private int applied;

        private Rule(String method, String pathRegex) {
            this.method = method;
            this.path = Pattern.compile(pathRegex);
        }

        /** Only requests whose raw query string (empty when none) matches {@code regex}. */
        public Rule query(String regex) {
            this.query = Pattern.compile(regex);
            return this;
        }

        /** Only requests with header {@code name} matching {@code regex}. */
        public Rule header(String name, String regex) {
            this.headerName = name;
            this.headerValue = Pattern.compile(regex);
            return this;
        }

        /** Apply to the first {@code n} matching requests only. */
        public Rule times(int n) {
            this.remaining = n;
            return this;
        }

        /** Answer with {@code response} instead of the emulator. */
        public Rule respond(Response response) {
            return respondWith((request, upstream) -> response);
        }

        /** Answer with whatever {@code action} makes of the request (it may forward a changed one). */
        public Rule respondWith(Action action) {
            this.action = Objects.requireNonNull(action, "action");
            rules.add(this);
            return this;
        }

        /** How many requests this rule answered. */
        public synchronized int applied() {
            return applied;
        }

        private synchronized boolean take(Request request) {
            boolean matches = remaining > 0 && request.method().equalsIgnoreCase(method)
                    && path.matcher(request.path()).matches() && query.matcher(request.query()).matches()
                    && (headerName.isEmpty() || headerValue.matcher(request.header(headerName)).matches());
            if (matches) {
                remaining--;
                applied++;
            }
            return matches;
        }
    }

    private final URI upstream;
    private final HttpServer server;
    private final ExecutorService executor;
    private final HttpClient client;
    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    private FaultInjectingProxy(URI upstream) throws IOException {
        this.upstream = upstream;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        this.executor = Executors.newCachedThreadPool();
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** Starts a proxy on a free loopback port in front of {@code upstream}. */
    public static FaultInjectingProxy start(URI upstream) {
        try {
            return new FaultInjectingProxy(upstream);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the fault-injecting proxy", e);
        }
    }

    /** The proxy's endpoint, for the SDK client's endpointOverride. */
    public URI endpoint() {
        return URI.create("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort());
    }

    /** A rule for requests with this method and a path matching {@code pathRegex}; active once it has an action. */
    public Rule on(String method, String pathRegex) {
        return new Rule(method, pathRegex);
    }

    /** Every request received, in order. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The requests with this method and a path matching {@code pathRegex}. */
    public List<Request> requests(String method, String pathRegex) {
        Pattern path = Pattern.compile(pathRegex);
        return requests.stream().filter(r -> r.method().equalsIgnoreCase(method) && path.matcher(r.path()).matches())
                .toList();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Request request;
            try (InputStream in = exchange.getRequestBody()) {
                URI uri = exchange.getRequestURI();
                request = new Request(exchange.getRequestMethod(), uri.getPath(), uri.getRawPath(),
                        uri.getRawQuery() == null ? "" : uri.getRawQuery(),
                        Map.copyOf(exchange.getRequestHeaders()), in.readAllBytes());
            }
            requests.add(request);
            Response response = null;
            for (Rule rule : rules) {
                if (rule.take(request)) {
                    response = rule.action.apply(request, this::forward);
                    break;
                }
            }
            if (response == null) {
                response = forward(request);
            }
            send(exchange, request, response);
        } catch (RuntimeException e) {
            byte[] body = ("fault-injecting proxy failed: " + e).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(599, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private Response forward(Request request) {
        String target = upstream.toString().replaceAll("/+$", "") + request.rawPath()
                + (request.query().isEmpty() ? "" : "?" + request.query());
        HttpRequest.Builder out = HttpRequest.newBuilder(URI.create(target)).timeout(Duration.ofSeconds(30))
                .method(request.method(), request.body().length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> out.header(name, v));
            }
        });
        try {
            HttpResponse<byte[]> response = client.send(out.build(), HttpResponse.BodyHandlers.ofByteArray());
            Map<String, List<String>> headers = new LinkedHashMap<>();
            response.headers().map().forEach((name, values) -> {
                if (!name.startsWith(":") && !NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                    headers.put(name, new ArrayList<>(values));
                }
            });
            return new Response(response.statusCode(), headers, response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot forward " + request.method() + " " + request.path(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted forwarding " + request.method() + " " + request.path(), e);
        }
    }

    private static void send(HttpExchange exchange, Request request, Response response) throws IOException {
        response.headers().forEach((name, values) -> exchange.getResponseHeaders().put(name, List.copyOf(values)));
        boolean noBody = request.method().equalsIgnoreCase("HEAD") || response.status() == 204
                || response.status() == 304 || response.body().length == 0;
        exchange.sendResponseHeaders(response.status(), noBody ? -1 : response.body().length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body());
            }
        }
    }
}

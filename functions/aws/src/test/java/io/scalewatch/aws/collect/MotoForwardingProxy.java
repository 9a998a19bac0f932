package io.scalewatch.aws.collect;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A loopback HTTP proxy in front of the emulator: forwards every request unchanged, records it, and can
 * answer chosen requests with an error instead (S3's 503 SlowDown, which moto never sends). Tests point the
 * real SDK client at {@link #endpoint()}.
 */
public final class MotoForwardingProxy implements AutoCloseable {
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "transfer-encoding",
            "host", "expect", "upgrade", "keep-alive");

    /** A request as received: method, path with query, headers (lower-case names) and body. */
    public record Request(String method, String pathAndQuery, Map<String, List<String>> headers, byte[] body) {
        /** The body as UTF-8 text. */
        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        // headers carry the Authorization line: keep them out of assertion messages
        @Override
        public String toString() {
            return method + " " + pathAndQuery;
        }
    }

    private record Fault(Predicate<Request> applies, AtomicInteger left, int status, String contentType, String body) {}

    private final HttpServer server;
    private final ExecutorService executor;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI target;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<Fault> faults = new CopyOnWriteArrayList<>();
    private final List<Request> faulted = new CopyOnWriteArrayList<>();
    private volatile Consumer<Request> onRequest = r -> { };

    private MotoForwardingProxy(URI target) throws IOException {
        this.target = target;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        executor = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "moto-forwarding-proxy");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** A proxy forwarding to {@code target} (the emulator). */
    public static MotoForwardingProxy to(URI target) {
        try {
            return new MotoForwardingProxy(target);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the forwarding proxy: " + e.getMessage(), e);
        }
    }

    /** Where clients should send requests. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Answers the next {@code count} requests matching {@code applies} with this error instead of forwarding. */
    public void fail(Predicate<Request> applies, int count, int status, String contentType, String body) {
        faults.add(new Fault(applies, new AtomicInteger(count), status, contentType, body));
    }

    /** S3's throttling answer: HTTP 503 with an XML SlowDown error. */
    public void slowDown(Predicate<Request> applies, int count) {
        fail(applies, count, 503, "application/xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>SlowDown"
                + "</Code><Message>Please reduce your request rate.</Message><RequestId>4442587FB7D0A2F9</RequestId>"
                + "</Error>");
    }

    /** Runs before each request is forwarded or failed. */
    public void onRequest(Consumer<Request> hook) {
        this.onRequest = hook;
    }

    /** Every request received. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Requests answered with an injected error. */
    public List<Request> faulted() {
        return List.copyOf(faulted);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            URI uri = exchange.getRequestURI();
            String pathAndQuery = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            Map<String, List<String>> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
            Request request = new Request(exchange.getRequestMethod(), pathAndQuery, headers, body);
            requests.add(request);
            onRequest.accept(request);
            for (Fault fault : faults) {
                if (fault.applies().test(request) && fault.left().getAndDecrement() > 0) {
                    faulted.add(request);
                    byte[] error = fault.body().getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().add("Content-Type", fault.contentType());
                    exchange.sendResponseHeaders(fault.status(), error.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(error);
                    }
                    return;
                }
            }
            forward(exchange, request);
        }
    }

    private void forward(HttpExchange exchange, Request request) throws IOException {
        HttpRequest.Builder forward = HttpRequest.newBuilder(URI.create(target + request.pathAndQuery()))
                .method(request.method(), request.body().length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(request.body()))
                .timeout(Duration.ofSeconds(30));
        request.headers().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name)) {
                values.forEach(v -> forward.header(name, v));
            }
        });
        HttpResponse<byte[]> response;
        try {
            response = client.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while forwarding", e);
        }
        response.headers().map().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                values.forEach(v -> exchange.getResponseHeaders().add(name, v));
            }
        });
        byte[] bytes = response.body();
        boolean noBody = request.method().equals("HEAD") || bytes.length == 0;
        exchange.sendResponseHeaders(response.statusCode(), noBody ? -1 : bytes.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}

package io.scalewatch.azure.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback server speaking the Azure Monitor Logs Query API: {@code POST /v1/workspaces/<id>/query} with a JSON body
 * {@code {"query": "<KQL>", "timespan": "<start>/<end>"}}, a bearer token, and the real answer shapes:
 * {@code {"tables": [{"name": "PrimaryResult", "columns": [...], "rows": [...]}]}}, partial errors as a top-level
 * {@code error} next to the tables, and errors as {@code {"error": {"code", "message", ...}}} with their HTTP status.
 *
 * <p>It interprets only the KQL shape scalewatch sends (the AzureActivity time range, the Caller / appid predicates,
 * {@code order by TimeGenerated asc}, {@code take N}) and rejects anything else with 400 BadArgumentError, so a change
 * to the query it does not understand fails a test. Faults are scripted per request.
 */
public final class LogsApiServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PATH = Pattern.compile("/v1/workspaces/([^/]+)/query");
    private static final String G = "([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})";
    private static final Pattern KQL = Pattern.compile("AzureActivity\n"
            + "\\| where TimeGenerated >= datetime\\(([0-9T:.Z-]+)\\) and TimeGenerated < datetime\\(([0-9T:.Z-]+)\\)\n"
            + "\\| where (.+)\n"
            + "\\| order by TimeGenerated asc\n"
            + "\\| take (\\d+)");
    private static final Pattern CALLER = Pattern.compile("Caller =~ '" + G + "'");
    private static final Pattern APPID = Pattern.compile("tostring\\(parse_json\\(Claims\\)\\.appid\\) =~ '" + G + "'");

    /** One request as received. */
    public record Request(int index, String workspace, String query, String timespan, String authorization,
            Instant start, Instant end, int take) {}

    /** A scripted answer: status, headers, body, and how long to wait before sending it. */
    public record Reply(int status, Map<String, String> headers, String body, long delayMillis) {
        /** An answer with a JSON body. */
        public static Reply json(int status, String body) {
            return new Reply(status, Map.of(), body, 0);
        }
    }

    /** What the server computed for a query, handed to a fault so it can change the answer. */
    public record Answer(Request request, ArrayNode columns, List<JsonNode> rows) {}

    private final HttpsServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final ArrayNode columns;
    private final List<JsonNode> rows;
    private final int timeIndex;
    private final int callerIndex;
    private final int claimsIndex;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile Function<Answer, Reply> fault = answer -> null;
    private volatile Runnable onRequest = () -> { };

    /** A server answering from {@code table} ({@code columns} and {@code rows} of a Logs Query table). */
    public LogsApiServer(ArrayNode columns, List<JsonNode> rows) {
        this.columns = columns;
        this.rows = rows;
        this.timeIndex = column("TimeGenerated");
        this.callerIndex = column("Caller");
        this.claimsIndex = column("Claims");
        try {
            server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setHttpsConfigurator(new HttpsConfigurator(LoopbackTls.server().context()));
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    private int column(String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).path("name").asText().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("table has no column " + name);
    }

    /** The endpoint for {@code LogsQueryClientBuilder.endpoint}. */
    public String endpoint() {
        return "https://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** Scripts faults: return a reply to send it instead of the computed answer, or null to send the answer. */
    public void fault(Function<Answer, Reply> fault) {
        this.fault = fault;
    }

    /** Runs before every request is answered (tests advance a fake clock here). */
    public void onRequest(Runnable hook) {
        this.onRequest = hook;
    }

    /** Every request received, in order. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** A Logs Query table answer. */
    public static String tables(ArrayNode columns, List<JsonNode> rows, JsonNode error) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode table = body.putArray("tables").addObject();
        table.put("name", "PrimaryResult");
        table.set("columns", columns);
        ArrayNode out = table.putArray("rows");
        rows.forEach(out::add);
        if (error != null) {
            body.set("error", error);
        }
        return body.toString();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            onRequest.run();
            Matcher path = PATH.matcher(exchange.getRequestURI().getPath());
            if (!exchange.getRequestMethod().equals("POST") || !path.matches()) {
                send(exchange, Reply.json(404, error("PathNotFoundError", "The requested path does not exist")));
                return;
            }
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization == null || !authorization.equals("Bearer " + StaticTokenCredential.TOKEN)
                    && !authorization.startsWith("Bearer issued-")) {
                send(exchange, Reply.json(401, error("AuthorizationRequiredError", "Valid authentication was not"
                        + " provided")));
                return;
            }
            JsonNode body;
            try (InputStream in = exchange.getRequestBody()) {
                body = JSON.readTree(in);
            }
            String query = body.path("query").asText("");
            Matcher kql = KQL.matcher(query);
            if (!kql.matches()) {
                requests.add(new Request(requests.size(), path.group(1), query, body.path("timespan").asText(""),
                        authorization, null, null, 0));
                send(exchange, Reply.json(400, badArgument("query shape not understood by the loopback server")));
                return;
            }
            Request request = new Request(requests.size(), path.group(1), query, body.path("timespan").asText(""),
                    authorization, Instant.parse(kql.group(1)), Instant.parse(kql.group(2)),
                    Integer.parseInt(kql.group(4)));
            requests.add(request);
            List<String> callers = new ArrayList<>();
            List<String> appIds = new ArrayList<>();
            for (String term : kql.group(3).split(" or ")) {
                Matcher caller = CALLER.matcher(term);
                Matcher appId = APPID.matcher(term);
                if (caller.matches()) {
                    callers.add(caller.group(1));
                } else if (appId.matches()) {
                    appIds.add(appId.group(1));
                } else {
                    send(exchange, Reply.json(400, badArgument("predicate not understood: " + term)));
                    return;
                }
            }
            List<JsonNode> selected = rows.stream()
                    .filter(r -> {
                        Instant t = Instant.parse(r.get(timeIndex).asText());
                        return !t.isBefore(request.start()) && t.isBefore(request.end());
                    })
                    .filter(r -> callers.contains(r.get(callerIndex).asText("").toLowerCase(Locale.ROOT))
                            || appIds.contains(appId(r)))
                    .sorted(Comparator.comparing(r -> Instant.parse(r.get(timeIndex).asText())))
                    .limit(request.take())
                    .toList();
            Reply reply = fault.apply(new Answer(request, columns, selected));
            send(exchange, reply != null ? reply : Reply.json(200, tables(columns, selected, null)));
        } catch (RuntimeException e) {
            send(exchange, Reply.json(500, error("InternalServerError", "loopback server failed: " + e)));
        }
    }

    private String appId(JsonNode row) {
        try {
            return JSON.readTree(row.get(claimsIndex).asText("{}")).path("appid").asText("").toLowerCase(Locale.ROOT);
        } catch (IOException e) {
            return "";
        }
    }

    private static void send(HttpExchange exchange, Reply reply) throws IOException {
        if (reply.delayMillis() > 0) {
            try {
                Thread.sleep(reply.delayMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        reply.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        try {
            exchange.sendResponseHeaders(reply.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException e) {
            // the client gave up (timeout tests): nothing to answer
        }
    }

    /** An error body as the Logs Query API sends it. */
    public static String error(String code, String message) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode error = body.putObject("error");
        error.put("message", message);
        error.put("code", code);
        error.put("correlationId", "3f4e5d6c-7b8a-4999-8a7b-6c5d4e3f2a1b");
        return body.toString();
    }

    private static String badArgument(String detail) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode error = body.putObject("error");
        error.put("message", "The request had some invalid properties");
        error.put("code", "BadArgumentError");
        error.put("correlationId", "3f4e5d6c-7b8a-4999-8a7b-6c5d4e3f2a1b");
        ObjectNode inner = error.putObject("innererror");
        inner.put("code", "SyntaxError");
        inner.put("message", detail);
        return body.toString();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}

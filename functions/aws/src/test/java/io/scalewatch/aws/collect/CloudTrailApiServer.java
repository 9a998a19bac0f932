package io.scalewatch.aws.collect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback stand-in for the CloudTrail API where moto has none (LookupEvents, CloudTrail Lake), speaking
 * CloudTrail's real wire protocol: AWS JSON 1.1 over {@code POST /}, the operation in
 * {@code X-Amz-Target: com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.<Operation>}, timestamps as
 * epoch seconds, {@code NextToken} paging, and errors as HTTP 400 with {@code {"__type": ..., "message": ...}}.
 * The real SDK client talks to it through {@code endpointOverride}.
 *
 * <p>LookupEvents serves the events added (newest first, {@code StartTime}/{@code EndTime} inclusive, at most
 * 50 per page, tokens bound to the time range as AWS binds them). Lake runs only the statement shape
 * scalewatch sends: it interprets the select list, the time range and the identity predicates it knows, and
 * rejects anything else as {@code InvalidQueryStatementException}, so a change to the statement that this
 * fake does not understand fails a test instead of passing silently.
 */
public final class CloudTrailApiServer implements AutoCloseable {
    /** The JSON 1.1 target prefix of CloudTrail. */
    public static final String TARGET_PREFIX = "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final DateTimeFormatter LAKE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    /** One event the server holds: the LookupEvents fields and the CloudTrail record text. */
    public record StoredEvent(String eventId, Instant time, String eventName, String eventSource, String username,
            String accessKeyId, boolean readOnly, String cloudTrailEvent, JsonNode record) {}

    /** One request as received. */
    public record Request(String operation, JsonNode body, Map<String, List<String>> headers, long receivedNanos) {
        // headers carry the Authorization line: keep them out of assertion messages
        @Override
        public String toString() {
            return "Request[" + operation + " " + body + "]";
        }
    }

    /** An error to answer with instead of serving. */
    private record Fault(Predicate<String> operations, int status, String type, String message) {}

    private record LakeQueryState(String id, List<String> columnAliases, List<Column> columns, List<StoredEvent> rows,
            AtomicInteger pollsLeft, String finalStatus, String errorMessage) {}

    private record Column(String alias, String expression) {}

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<StoredEvent> events = new CopyOnWriteArrayList<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<Fault> faults = new CopyOnWriteArrayList<>();
    private final Map<String, LakeQueryState> queries = new ConcurrentHashMap<>();
    private final List<String> cancelled = new CopyOnWriteArrayList<>();
    private volatile Consumer<Request> onRequest = r -> { };
    private volatile String eventDataStore = "";
    private volatile int lakeRunningPolls;
    private volatile String lakeFinalStatus = "FINISHED";
    private volatile String lakeErrorMessage = "";

    private CloudTrailApiServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "cloudtrail-api-server");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** A server on a free loopback port. */
    public static CloudTrailApiServer start() {
        try {
            return new CloudTrailApiServer();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the CloudTrail API server: " + e.getMessage(), e);
        }
    }

    /** Where the SDK client should send requests. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Serves these CloudTrail records (as found in trail files and in LookupEvents' CloudTrailEvent). */
    public void addRecords(List<JsonNode> records) {
        for (JsonNode record : records) {
            events.add(stored(record.path("eventID").asText(UUID.randomUUID().toString()),
                    Instant.parse(record.path("eventTime").asText()), record.toString(), record));
        }
    }

    /** Serves one event whose CloudTrailEvent text is given as is (hostile or malformed records). */
    public void addRawEvent(String eventId, Instant time, String cloudTrailEvent) {
        JsonNode record = null;
        try {
            record = MAPPER.readTree(cloudTrailEvent);
        } catch (IOException | RuntimeException e) {
            // not JSON: served as text, never in Lake results
        }
        events.add(stored(eventId, time, cloudTrailEvent, record != null && record.isObject() ? record : null));
    }

    private static StoredEvent stored(String eventId, Instant time, String text, JsonNode record) {
        JsonNode r = record == null ? NODES.objectNode() : record;
        JsonNode identity = r.path("userIdentity");
        String type = identity.path("type").asText("");
        String arn = identity.path("arn").asText("");
        // LookupEvents' Username: the session name of an assumed role, the user name of an IAM user
        String username = type.equals("AssumedRole") ? arn.substring(arn.lastIndexOf('/') + 1)
                : identity.path("userName").asText(arn.substring(arn.lastIndexOf('/') + 1));
        return new StoredEvent(eventId, time, r.path("eventName").asText(""), r.path("eventSource").asText(""),
                username, identity.path("accessKeyId").asText(""), r.path("readOnly").asBoolean(false), text,
                record);
    }

    /** The next {@code count} requests of any operation answer ThrottlingException (HTTP 400). */
    public void throttleNext(int count) {
        for (int i = 0; i < count; i++) {
            faults.add(new Fault(op -> true, 400, "ThrottlingException", "Rate exceeded"));
        }
    }

    /** The next request of {@code operation} answers this error. */
    public void failNext(String operation, int status, String type, String message) {
        faults.add(new Fault(op -> op.equals(operation), status, type, message));
    }

    /** Runs before each request is answered (tests advance a fake clock here). */
    public void onRequest(Consumer<Request> hook) {
        this.onRequest = hook;
    }

    /** The Lake event data store id StartQuery accepts. */
    public void eventDataStore(String id) {
        this.eventDataStore = id;
    }

    /** How many GetQueryResults answers say RUNNING before a query finishes. */
    public void lakeRunningPolls(int polls) {
        this.lakeRunningPolls = polls;
    }

    /** How queries end: FINISHED (default), FAILED, TIMED_OUT, with an error message. */
    public void lakeEndsWith(String status, String errorMessage) {
        this.lakeFinalStatus = status;
        this.lakeErrorMessage = errorMessage;
    }

    /** Every request received, in order. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Requests of one operation. */
    public List<Request> requests(String operation) {
        return requests.stream().filter(r -> r.operation().equals(operation)).toList();
    }

    /** Query ids CancelQuery was called with. */
    public List<String> cancelledQueries() {
        return List.copyOf(cancelled);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // ---- protocol ---------------------------------------------------------------------------------

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] bytes;
            try (InputStream in = exchange.getRequestBody()) {
                bytes = in.readAllBytes();
            }
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            if (!exchange.getRequestMethod().equals("POST") || !"/".equals(exchange.getRequestURI().getPath())) {
                error(exchange, 404, "UnknownOperationException", "CloudTrail takes POST / only");
                return;
            }
            if (target == null || !target.startsWith(TARGET_PREFIX)) {
                error(exchange, 400, "UnknownOperationException", "missing or foreign X-Amz-Target: " + target);
                return;
            }
            if (contentType == null || !contentType.startsWith("application/x-amz-json-1.1")) {
                error(exchange, 400, "SerializationException", "Content-Type must be application/x-amz-json-1.1");
                return;
            }
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization == null || !authorization.startsWith("AWS4-HMAC-SHA256 Credential=")) {
                error(exchange, 400, "MissingAuthenticationTokenException", "Request is missing Authentication Token");
                return;
            }
            String operation = target.substring(TARGET_PREFIX.length());
            JsonNode body = bytes.length == 0 ? NODES.objectNode() : MAPPER.readTree(bytes);
            Request request = new Request(operation, body, Map.copyOf(exchange.getRequestHeaders()), System.nanoTime());
            requests.add(request);
            onRequest.accept(request);
            Fault fault = nextFault(operation);
            if (fault != null) {
                error(exchange, fault.status(), fault.type(), fault.message());
                return;
            }
            try {
                JsonNode answer = switch (operation) {
                    case "LookupEvents" -> lookupEvents(body);
                    case "StartQuery" -> startQuery(body);
                    case "GetQueryResults" -> getQueryResults(body);
                    case "CancelQuery" -> cancelQuery(body);
                    default -> throw new ApiError("UnknownOperationException", "operation " + operation
                            + " is not served by this test server");
                };
                reply(exchange, 200, answer.toString());
            } catch (ApiError e) {
                error(exchange, 400, e.type, e.getMessage());
            }
        }
    }

    private synchronized Fault nextFault(String operation) {
        for (Iterator<Fault> it = faults.iterator(); it.hasNext(); ) {
            Fault fault = it.next();
            if (fault.operations().test(operation)) {
                faults.remove(fault);
                return fault;
            }
        }
        return null;
    }

    private static void error(HttpExchange exchange, int status, String type, String message) throws IOException {
        ObjectNode body = NODES.objectNode().put("__type", type).put("message", message);
        exchange.getResponseHeaders().add("x-amzn-ErrorType", type);
        reply(exchange, status, body.toString());
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
        exchange.getResponseHeaders().add("x-amzn-RequestId", UUID.randomUUID().toString());
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** An error answer (HTTP 400 with a JSON 1.1 error body). */
    private static final class ApiError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String type;

        ApiError(String type, String message) {
            super(message);
            this.type = type;
        }
    }

    // ---- LookupEvents -----------------------------------------------------------------------------

    private JsonNode lookupEvents(JsonNode body) {
        int max = body.path("MaxResults").asInt(50);
        if (max < 1 || max > 50) {
            throw new ApiError("InvalidMaxResultsException", "MaxResults must be 1..50, got " + max);
        }
        Instant start = body.has("StartTime") ? epoch(body.get("StartTime")) : Instant.EPOCH;
        Instant end = body.has("EndTime") ? epoch(body.get("EndTime")) : Instant.parse("9999-12-31T00:00:00Z");
        if (start.isAfter(end)) {
            throw new ApiError("InvalidTimeRangeException", "StartTime is after EndTime");
        }
        String range = start.getEpochSecond() + "-" + end.getEpochSecond();
        int offset = 0;
        if (body.hasNonNull("NextToken")) {
            String token =
                    new String(Base64.getDecoder().decode(body.get("NextToken").asText()), StandardCharsets.UTF_8);
            String[] parts = token.split("\\|");
            if (parts.length != 2 || !parts[1].equals(range)) {
                throw new ApiError("InvalidNextTokenException", "A token you provided is not valid for this request");
            }
            offset = Integer.parseInt(parts[0]);
        }
        // AWS compares in whole seconds: the request's fractions are dropped
        Instant from = Instant.ofEpochSecond(start.getEpochSecond());
        Instant to = Instant.ofEpochSecond(end.getEpochSecond());
        List<StoredEvent> matching = events.stream()
                .filter(e -> !e.time().isBefore(from) && !e.time().isAfter(to))
                .sorted(Comparator.comparing(StoredEvent::time).reversed().thenComparing(StoredEvent::eventId))
                .toList();
        ArrayNode out = NODES.arrayNode();
        for (int i = offset; i < Math.min(matching.size(), offset + max); i++) {
            StoredEvent e = matching.get(i);
            ObjectNode event = out.addObject();
            event.put("EventId", e.eventId());
            event.put("EventName", e.eventName());
            event.put("ReadOnly", Boolean.toString(e.readOnly()));
            if (!e.accessKeyId().isEmpty()) {
                event.put("AccessKeyId", e.accessKeyId());
            }
            event.put("EventTime", e.time().getEpochSecond());
            event.put("EventSource", e.eventSource());
            event.put("Username", e.username());
            event.putArray("Resources");
            event.put("CloudTrailEvent", e.cloudTrailEvent());
        }
        ObjectNode answer = NODES.objectNode();
        answer.set("Events", out);
        if (offset + max < matching.size()) {
            answer.put("NextToken", Base64.getEncoder().encodeToString(
                    ((offset + max) + "|" + range).getBytes(StandardCharsets.UTF_8)));
        }
        return answer;
    }

    private static Instant epoch(JsonNode value) {
        BigDecimal seconds = value.decimalValue();
        long whole = seconds.longValue();
        long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
        return Instant.ofEpochSecond(whole, nanos);
    }

    // ---- Lake -------------------------------------------------------------------------------------

    private static final Pattern STATEMENT = Pattern.compile(
            "SELECT (.+) FROM ([A-Za-z0-9-]+) WHERE eventTime >= '([0-9: .-]+)' AND eventTime < '([0-9: .-]+)'"
                    + "(?: AND \\((.+)\\))? ORDER BY eventTime ASC, eventID ASC");
    private static final Pattern ALIAS = Pattern.compile("(.+) AS ([A-Za-z]+)");
    private static final Pattern EQUALS = Pattern.compile("([A-Za-z.]+) = '([^']*)'");
    private static final Pattern LIKE = Pattern.compile("userIdentity\\.arn LIKE '([^']*)' ESCAPE '\\\\'");
    private static final Pattern ASSUME = Pattern.compile("\\(eventSource = 'sts\\.amazonaws\\.com' AND eventName"
            + " LIKE 'AssumeRole%' AND element_at\\(requestParameters, 'roleArn'\\) = '([^']*)'\\)");

    private JsonNode startQuery(JsonNode body) {
        String sql = body.path("QueryStatement").asText("");
        Matcher m = STATEMENT.matcher(sql);
        if (!m.matches()) {
            throw new ApiError("InvalidQueryStatementException", "statement not understood by the test server");
        }
        if (!m.group(2).equals(eventDataStore)) {
            throw new ApiError("EventDataStoreNotFoundException", "The specified event data store was not found.");
        }
        List<Column> columns = new ArrayList<>();
        for (String item : splitTopLevel(m.group(1), ", ")) {
            Matcher alias = ALIAS.matcher(item);
            Column column = alias.matches() ? new Column(alias.group(2), alias.group(1)) : new Column(item, item);
            if (!knownExpression(column.expression())) {
                throw new ApiError("InvalidQueryStatementException",
                        "unknown column expression " + column.expression());
            }
            columns.add(column);
        }
        Instant from = Instant.from(LAKE_TIME.parse(m.group(3)));
        Instant to = Instant.from(LAKE_TIME.parse(m.group(4)));
        List<Predicate<JsonNode>> who = new ArrayList<>();
        if (m.group(5) != null) {
            for (String part : splitTopLevel(m.group(5), " OR ")) {
                who.add(predicate(part));
            }
        }
        List<StoredEvent> rows = events.stream()
                .filter(e -> e.record() != null && !e.time().isBefore(from) && e.time().isBefore(to))
                .filter(e -> who.isEmpty() || who.stream().anyMatch(p -> p.test(e.record())))
                .sorted(Comparator.comparing(StoredEvent::time).thenComparing(StoredEvent::eventId))
                .toList();
        String id = UUID.randomUUID().toString();
        queries.put(id, new LakeQueryState(id, columns.stream().map(Column::alias).toList(), columns, rows,
                new AtomicInteger(lakeRunningPolls), lakeFinalStatus, lakeErrorMessage));
        return NODES.objectNode().put("QueryId", id);
    }

    private static Predicate<JsonNode> predicate(String part) {
        Matcher assume = ASSUME.matcher(part);
        if (assume.matches()) {
            String role = assume.group(1);
            return r -> r.path("eventSource").asText().equals("sts.amazonaws.com")
                    && r.path("eventName").asText().startsWith("AssumeRole")
                    && r.path("requestParameters").path("roleArn").asText().equals(role);
        }
        Matcher like = LIKE.matcher(part);
        if (like.matches()) {
            Pattern regex = likeRegex(like.group(1));
            return r -> regex.matcher(r.path("userIdentity").path("arn").asText()).matches();
        }
        Matcher equals = EQUALS.matcher(part);
        if (equals.matches()) {
            String path = equals.group(1);
            String value = equals.group(2);
            if (!List.of("userIdentity.arn", "userIdentity.sessionContext.sessionIssuer.arn",
                    "userIdentity.accessKeyId").contains(path)) {
                throw new ApiError("InvalidQueryStatementException", "unknown predicate column " + path);
            }
            return r -> value.equals(text(at(r, path)));
        }
        throw new ApiError("InvalidQueryStatementException", "predicate not understood by the test server");
    }

    // SQL LIKE with ESCAPE '\': % any run, _ one character, \x the character x.
    private static Pattern likeRegex(String like) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < like.length(); i++) {
            char c = like.charAt(i);
            if (c == '\\' && i + 1 < like.length()) {
                regex.append(Pattern.quote(String.valueOf(like.charAt(++i))));
            } else if (c == '%') {
                regex.append(".*");
            } else if (c == '_') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    private static boolean knownExpression(String expression) {
        return expression.matches("[A-Za-z]+(\\.[A-Za-z]+)*")
                || expression.matches("json_format\\(CAST\\((requestParameters|responseElements) AS JSON\\)\\)")
                || expression.matches(
                        "json_format\\(CAST\\(transform\\(resources, r -> r\\.(arn|type)\\) AS JSON\\)\\)");
    }

    private JsonNode getQueryResults(JsonNode body) {
        LakeQueryState query = queries.get(body.path("QueryId").asText(""));
        if (query == null) {
            throw new ApiError("QueryIdNotFoundException", "The query ID does not exist or does not map to a query.");
        }
        int max = body.path("MaxQueryResults").asInt(1000);
        if (max < 1 || max > 1000) {
            throw new ApiError("InvalidMaxResultsException", "MaxQueryResults must be 1..1000");
        }
        ObjectNode answer = NODES.objectNode();
        if (cancelled.contains(query.id())) {
            return answer.put("QueryStatus", "CANCELLED");
        }
        if (query.pollsLeft().getAndDecrement() > 0) {
            answer.put("QueryStatus", "RUNNING");
            answer.putObject("QueryStatistics").put("ResultsCount", 0).put("TotalResultsCount", 0)
                    .put("BytesScanned", 0);
            answer.putArray("QueryResultRows");
            return answer;
        }
        if (!query.finalStatus().equals("FINISHED")) {
            return answer.put("QueryStatus", query.finalStatus()).put("ErrorMessage", query.errorMessage());
        }
        int offset = body.hasNonNull("NextToken") ? Integer.parseInt(new String(Base64.getDecoder().decode(
                body.get("NextToken").asText()), StandardCharsets.UTF_8).replace(query.id() + "/", "")) : 0;
        answer.put("QueryStatus", "FINISHED");
        ArrayNode rows = answer.putArray("QueryResultRows");
        int end = Math.min(query.rows().size(), offset + max);
        for (int i = offset; i < end; i++) {
            JsonNode record = query.rows().get(i).record();
            ArrayNode row = rows.addArray();
            for (Column column : query.columns()) {
                String value = evaluate(column.expression(), record);
                if (value != null) {
                    row.addObject().put(column.alias(), value);
                }
            }
        }
        answer.putObject("QueryStatistics").put("ResultsCount", end - offset)
                .put("TotalResultsCount", query.rows().size()).put("BytesScanned", 1024L * query.rows().size());
        if (end < query.rows().size()) {
            answer.put("NextToken", Base64.getEncoder().encodeToString((query.id() + "/" + end)
                    .getBytes(StandardCharsets.UTF_8)));
        }
        return answer;
    }

    private JsonNode cancelQuery(JsonNode body) {
        String id = body.path("QueryId").asText("");
        if (!queries.containsKey(id)) {
            throw new ApiError("QueryIdNotFoundException", "The query ID does not exist or does not map to a query.");
        }
        cancelled.add(id);
        return NODES.objectNode().put("QueryId", id).put("QueryStatus", "CANCELLED");
    }

    // A column's value as Lake returns it: a string, or null for a missing field.
    private static String evaluate(String expression, JsonNode record) {
        if (expression.startsWith("json_format(CAST(transform(resources")) {
            String field = expression.contains("r.arn") ? "ARN" : "type";
            JsonNode resources = record.path("resources");
            if (!resources.isArray()) {
                return null;
            }
            ArrayNode values = NODES.arrayNode();
            resources.forEach(r -> values.add(r.path(field).isMissingNode() ? NODES.nullNode() : r.path(field)));
            return values.toString();
        }
        if (expression.startsWith("json_format(CAST(")) {
            String column = expression.substring("json_format(CAST(".length(), expression.indexOf(' '));
            JsonNode map = field(record, column);
            if (map == null || !map.isObject()) {
                return null;
            }
            // Lake holds these as map<string,string>: nested values become their JSON text
            ObjectNode strings = NODES.objectNode();
            map.properties().forEach(f -> strings.put(f.getKey(),
                    f.getValue().isTextual() ? f.getValue().textValue() : f.getValue().toString()));
            return strings.toString();
        }
        JsonNode value = at(record, expression);
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        if (expression.equalsIgnoreCase("eventTime")) {
            return LAKE_TIME.format(Instant.parse(value.asText()));
        }
        return text(value);
    }

    private static String text(JsonNode value) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            return null;
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }

    // Lake column names are case-insensitive: userIdentity.sessionContext.sessionIssuer.arn
    private static JsonNode at(JsonNode record, String path) {
        JsonNode node = record;
        for (String part : path.split("\\.")) {
            node = field(node, part);
            if (node == null) {
                return null;
            }
        }
        return node;
    }

    private static JsonNode field(JsonNode node, String name) {
        if (node == null || !node.isObject()) {
            return null;
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (key.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return node.get(key);
            }
        }
        return null;
    }

    private static List<String> splitTopLevel(String text, String separator) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')') {
                depth--;
            } else if (!quoted && depth == 0 && text.startsWith(separator, i)) {
                parts.add(text.substring(start, i));
                start = i + separator.length();
                i = start - 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }
}

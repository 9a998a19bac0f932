package io.scalewatch.gcp.collect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import com.google.cloud.logging.v2.LoggingClient;
import com.google.logging.v2.ListLogEntriesRequest;
import com.google.logging.v2.ListLogEntriesResponse;
import com.google.logging.v2.LogEntry;
import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import com.google.rpc.Code;
import com.google.rpc.RetryInfo;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A Cloud Logging server on loopback speaking real gRPC (HTTP/2, protobuf): {@code
 * google.logging.v2.LoggingServiceV2/ListLogEntries}, built from grpc-java's {@link MethodDescriptor} and {@link
 * ServerServiceDefinition} with the request and response messages of proto-google-cloud-logging-v2 (the generated
 * stub artifact at the BOM's version is not served). It evaluates filters ({@link LoggingQuery}), orders by
 * timestamp, pages with opaque tokens tied to the query, records every request, and plays scripted faults.
 */
public final class LoggingServiceV2Server implements AutoCloseable {
    static final String SERVICE = "google.logging.v2.LoggingServiceV2";
    static final MethodDescriptor<ListLogEntriesRequest, ListLogEntriesResponse> LIST_LOG_ENTRIES =
            MethodDescriptor.<ListLogEntriesRequest, ListLogEntriesResponse>newBuilder()
                    .setType(MethodDescriptor.MethodType.UNARY)
                    .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, "ListLogEntries"))
                    .setRequestMarshaller(ProtoUtils.marshaller(ListLogEntriesRequest.getDefaultInstance()))
                    .setResponseMarshaller(ProtoUtils.marshaller(ListLogEntriesResponse.getDefaultInstance()))
                    .build();
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFormat.Printer PRINTER =
            JsonFormat.printer().usingTypeRegistry(LogEntryJson.TYPES).omittingInsignificantWhitespace();

    /** A scripted answer to one request: a gRPC error (with an optional RetryInfo delay), after a delay. */
    public record Fault(Code code, Duration delay, Duration retryDelay) {
        /** Answers normally. */
        public static Fault none() {
            return new Fault(null, Duration.ZERO, Duration.ZERO);
        }

        public static Fault status(Code code) {
            return new Fault(code, Duration.ZERO, Duration.ZERO);
        }

        public static Fault quota(Duration retryDelay) {
            return new Fault(Code.RESOURCE_EXHAUSTED, Duration.ZERO, retryDelay);
        }

        /** Answers normally, but only after {@code delay}. */
        public static Fault slow(Duration delay) {
            return new Fault(null, delay, Duration.ZERO);
        }
    }

    private final Map<String, List<LogEntry>> entries = new LinkedHashMap<>();
    private final Map<LogEntry, JsonNode> jsonOf = new java.util.IdentityHashMap<>();
    private final Map<String, List<LogEntry>> answers = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<LogEntry> unfiltered = new CopyOnWriteArrayList<>();
    private final List<ListLogEntriesRequest> requests = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedDeque<Fault> faults = new ConcurrentLinkedDeque<>();
    private final Map<String, Code> deniedResources = new LinkedHashMap<>();
    private volatile Consumer<ListLogEntriesRequest> onRequest = r -> { };
    private volatile Fault everyRequestAfterScript;
    private volatile boolean ignoreTimestamp;
    private final Server server;
    private final List<ManagedChannel> channels = new CopyOnWriteArrayList<>();
    private final List<LoggingClient> clients = new CopyOnWriteArrayList<>();

    private LoggingServiceV2Server() throws IOException {
        ServerServiceDefinition service = ServerServiceDefinition.builder(SERVICE)
                .addMethod(LIST_LOG_ENTRIES, ServerCalls.asyncUnaryCall(this::listLogEntries))
                .build();
        server = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .addService(service)
                .build()
                .start();
    }

    /** A server holding {@code entries}, each stored under the parent resource its logName names. */
    public static LoggingServiceV2Server start(List<LogEntry> entries) throws IOException {
        LoggingServiceV2Server server = new LoggingServiceV2Server();
        for (LogEntry entry : entries) {
            server.entries.computeIfAbsent(parent(entry.getLogName()), k -> new ArrayList<>()).add(entry);
            server.jsonOf.put(entry, json(entry));
        }
        return server;
    }

    /** A real Logging client (as {@link CloudLoggingClients} builds it) aimed at this server, plaintext, no credentials. */
    public LoggingClient client() {
        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", port()).usePlaintext().build();
        channels.add(channel);
        LoggingClient client = CloudLoggingClients.create(NoCredentialsProvider.create(),
                FixedTransportChannelProvider.create(GrpcTransportChannel.create(channel)));
        clients.add(client);
        return client;
    }

    int port() {
        return server.getPort();
    }

    /** Requests received so far. */
    public List<ListLogEntriesRequest> requests() {
        return List.copyOf(requests);
    }

    /** Answers the next requests with these faults, in order. */
    public void script(Fault... script) {
        faults.addAll(List.of(script));
    }

    /** After the scripted faults run out, answers every request with this fault (null: answer normally). */
    public void thenAlways(Fault fault) {
        everyRequestAfterScript = fault;
    }

    /** Requests for this resource fail with {@code code}. */
    void deny(String resource, Code code) {
        deniedResources.put(resource, code);
    }

    /** Called with every request before it is answered (tests advance a clock here). */
    public void onRequest(Consumer<ListLogEntriesRequest> hook) {
        onRequest = hook;
    }

    /**
     * Entries returned for their resource whatever the filter says: payloads the server matched on fields a
     * client cannot decode, or a server that ignores part of a filter.
     */
    void addUnfiltered(List<LogEntry> more) {
        unfiltered.addAll(more);
    }

    /** Ignore the filter's timestamp conditions (a misbehaving server; the collector must drop the rest). */
    void ignoreTimestamp(boolean ignore) {
        ignoreTimestamp = ignore;
    }

    private void listLogEntries(ListLogEntriesRequest request, StreamObserver<ListLogEntriesResponse> response) {
        requests.add(request);
        onRequest.accept(request);
        Fault fault = faults.poll();
        if (fault == null) {
            fault = everyRequestAfterScript;
        }
        if (fault != null) {
            if (!fault.delay().isZero()) {
                try {
                    Thread.sleep(fault.delay().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            if (fault.code() != null) {
                response.onError(error(fault));
                return;
            }
        }
        try {
            response.onNext(answer(request));
            response.onCompleted();
        } catch (LoggingQuery.InvalidQueryException | IllegalArgumentException e) {
            response.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
        } catch (DeniedException e) {
            response.onError(StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                    .setCode(e.code.getNumber()).setMessage(e.getMessage()).build()));
        }
    }

    private static RuntimeException error(Fault fault) {
        com.google.rpc.Status.Builder status = com.google.rpc.Status.newBuilder()
                .setCode(fault.code().getNumber())
                .setMessage(fault.code() == Code.RESOURCE_EXHAUSTED
                        ? "Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute'"
                                + " of service 'logging.googleapis.com'"
                        : "The service is currently unavailable.");
        if (!fault.retryDelay().isZero()) {
            status.addDetails(Any.pack(RetryInfo.newBuilder()
                    .setRetryDelay(com.google.protobuf.Duration.newBuilder()
                            .setSeconds(fault.retryDelay().getSeconds())
                            .setNanos(fault.retryDelay().getNano()))
                    .build()));
        }
        return StatusProto.toStatusRuntimeException(status.build());
    }

    private static final class DeniedException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient Code code;

        DeniedException(Code code, String message) {
            super(message);
            this.code = code;
        }
    }

    private ListLogEntriesResponse answer(ListLogEntriesRequest request) {
        if (request.getResourceNamesCount() == 0) {
            throw new IllegalArgumentException("resource_names is required");
        }
        if (request.getPageSize() < 0 || request.getPageSize() > 1000) {
            throw new IllegalArgumentException("page_size must be at most 1000, got " + request.getPageSize());
        }
        String order = request.getOrderBy();
        if (!order.isEmpty() && !order.equals("timestamp asc") && !order.equals("timestamp desc")) {
            throw new IllegalArgumentException("order_by must be 'timestamp asc' or 'timestamp desc', got " + order);
        }
        for (String resource : request.getResourceNamesList()) {
            Code denied = deniedResources.get(resource);
            if (denied != null) {
                throw new DeniedException(denied, "Permission 'logging.logEntries.list' denied on resource (or it may"
                        + " not exist): " + resource);
            }
        }
        String query = queryHash(request);
        // A query's answer is computed once; its pages are slices of it (the entries do not change during a test).
        List<LogEntry> found = answers.computeIfAbsent(query + ignoreTimestamp, k -> search(request));
        int pageSize = request.getPageSize() == 0 ? 50 : request.getPageSize();
        int offset = 0;
        if (!request.getPageToken().isEmpty()) {
            String token = new String(Base64.getUrlDecoder().decode(request.getPageToken()), StandardCharsets.UTF_8);
            String[] parts = token.split("\\|");
            if (parts.length != 2 || !parts[0].equals(query)) {
                throw new IllegalArgumentException("page_token does not belong to this query");
            }
            offset = Integer.parseInt(parts[1]);
        }
        int end = Math.min(found.size(), offset + pageSize);
        ListLogEntriesResponse.Builder page = ListLogEntriesResponse.newBuilder().addAllEntries(found.subList(offset, end));
        if (end < found.size()) {
            page.setNextPageToken(Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((query + "|" + end).getBytes(StandardCharsets.UTF_8)));
        }
        return page.build();
    }

    private List<LogEntry> search(ListLogEntriesRequest request) {
        String filter = ignoreTimestamp
                ? request.getFilter().replaceAll(" AND timestamp[<>]=?\"[^\"]*\"", "")
                : request.getFilter();
        Predicate<JsonNode> matches = LoggingQuery.parse(filter);
        List<LogEntry> found = new ArrayList<>();
        for (String resource : request.getResourceNamesList()) {
            for (LogEntry entry : entries.getOrDefault(resource, List.of())) {
                if (matches.test(jsonOf.get(entry))) {
                    found.add(entry);
                }
            }
            for (LogEntry entry : unfiltered) {
                if (parent(entry.getLogName()).equals(resource)) {
                    found.add(entry);
                }
            }
        }
        Comparator<LogEntry> byTime = Comparator.comparing(LogEntryJson::timestamp,
                Comparator.nullsFirst(Comparator.naturalOrder()));
        found.sort(request.getOrderBy().equals("timestamp desc") ? byTime.reversed() : byTime);
        return List.copyOf(found);
    }

    private static JsonNode json(LogEntry entry) {
        try {
            return MAPPER.readTree(PRINTER.print(entry));
        } catch (InvalidProtocolBufferException e) {
            return MAPPER.createObjectNode();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String queryHash(ListLogEntriesRequest request) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(request.toBuilder().clearPageToken().clearPageSize().build().toByteArray());
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String parent(String logName) {
        int logs = logName.indexOf("/logs/");
        return logs < 0 ? logName : logName.substring(0, logs);
    }

    @Override
    public void close() {
        for (LoggingClient client : clients) {
            client.close();
        }
        for (ManagedChannel channel : channels) {
            channel.shutdownNow();
        }
        server.shutdownNow();
        try {
            server.awaitTermination(5, TimeUnit.SECONDS);
            for (ManagedChannel channel : channels) {
                channel.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Time of an entry for assertions. */
    static Instant time(LogEntry entry) {
        return LogEntryJson.timestamp(entry);
    }
}

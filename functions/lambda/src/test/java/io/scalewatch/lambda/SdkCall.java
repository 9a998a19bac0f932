package io.scalewatch.lambda;

import java.util.Objects;

/**
 * One AWS SDK v2 operation the bytecode invokes, e.g. {@code s3 S3Client.putObject}.
 *
 * @param service the SDK's service package ({@code software/amazon/awssdk/services/<service>/})
 * @param client the client interface, e.g. {@code S3Client}
 * @param method the client method, e.g. {@code listObjectsV2Paginator}
 */
record SdkCall(String service, String client, String method) {
    SdkCall {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(method, "method");
    }

    @Override
    public String toString() {
        return service + " " + client + "." + method;
    }
}

package io.scalewatch.aws.lambda;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A Lambda {@link Context} for running the handler outside Lambda ({@link LocalInvoke}, tests): a request id,
 * a deadline on a clock (the remaining time shrinks as the clock moves), and a logger printing to a stream.
 */
public final class LocalContext implements Context {
    private final String requestId;
    private final String functionArn;
    private final Clock clock;
    private final Instant deadline;
    private final PrintStream log;

    /**
     * A context.
     *
     * @param remaining the invocation's time from now (the function's timeout)
     */
    public LocalContext(String requestId, String functionArn, Clock clock, Duration remaining, PrintStream log) {
        this.requestId = Objects.requireNonNull(requestId, "requestId");
        this.functionArn = Objects.requireNonNull(functionArn, "functionArn");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.deadline = clock.instant().plus(remaining);
        this.log = Objects.requireNonNull(log, "log");
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + getFunctionName();
    }

    @Override
    public String getLogStreamName() {
        return "local/" + requestId;
    }

    @Override
    public String getFunctionName() {
        return functionArn.substring(functionArn.lastIndexOf(':') + 1);
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return functionArn;
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        long left = Duration.between(clock.instant(), deadline).toMillis();
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, left));
    }

    @Override
    public int getMemoryLimitInMB() {
        return 1024;
    }

    @Override
    public LambdaLogger getLogger() {
        return new LambdaLogger() {
            @Override
            public void log(String message) {
                log.println(message);
            }

            @Override
            public void log(byte[] message) {
                log.println(new String(message, StandardCharsets.UTF_8));
            }
        };
    }
}

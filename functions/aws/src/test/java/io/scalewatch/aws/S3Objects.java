package io.scalewatch.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Reading back what the sinks wrote to the emulator. */
public final class S3Objects {
    private static final ObjectMapper JSON = new ObjectMapper();

    private S3Objects() {}

    /** Creates a fresh bucket (the emulator keeps state across tests) and returns its name. */
    public static String newBucket(S3Client s3) {
        String bucket = "sw-" + UUID.randomUUID().toString().toLowerCase(Locale.ROOT).substring(0, 18);
        s3.createBucket(b -> b.bucket(bucket));
        return bucket;
    }

    /** Every key in the bucket, sorted. */
    public static List<String> keys(S3Client s3, String bucket) {
        return s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream().map(S3Object::key).sorted()
                .toList();
    }

    /** The object's bytes. */
    public static byte[] bytes(S3Client s3, String bucket, String key) {
        return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
    }

    /** The object's text, gunzipped when it is gzip. */
    public static String text(S3Client s3, String bucket, String key) {
        byte[] bytes = bytes(s3, bucket, key);
        if (bytes.length > 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b) {
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot gunzip " + key, e);
            }
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The lines of a (gzip) JSON Lines object. */
    public static List<String> lines(S3Client s3, String bucket, String key) {
        return List.of(text(s3, bucket, key).split("\n"));
    }

    /** The JSON lines of a gzip JSON Lines object. */
    public static List<JsonNode> jsonLines(S3Client s3, String bucket, String key) {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : text(s3, bucket, key).split("\n")) {
            if (!line.isEmpty()) {
                try {
                    lines.add(JSON.readTree(line));
                } catch (IOException e) {
                    throw new UncheckedIOException("line of " + key + " is not JSON", e);
                }
            }
        }
        return lines;
    }

    /** The object as JSON. */
    public static JsonNode json(S3Client s3, String bucket, String key) {
        try {
            return JSON.readTree(text(s3, bucket, key));
        } catch (IOException e) {
            throw new UncheckedIOException(key + " is not JSON", e);
        }
    }
}

package io.scalewatch.aws.sink;

import java.util.Collection;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;

/**
 * The size of a model object as the SDK's JSON protocol sends it, walked through the SDK's own field metadata
 * ({@link SdkPojo#sdkFields()}): member names as marshalled, strings with JSON escaping as the SDK writes it,
 * unset members left out.
 * Security Hub limits findings (240 KB) and calls (6 MB) by this size.
 */
final class AsffSize {
    private AsffSize() {}

    /** Bytes of {@code value} as compact JSON. */
    static long bytes(Object value) {
        if (value instanceof String text) {
            return string(text);
        }
        if (value instanceof SdkPojo pojo) {
            long total = 2;
            int members = 0;
            for (SdkField<?> field : pojo.sdkFields()) {
                Object member = field.getValueOrDefault(pojo);
                if (absent(member)) {
                    continue;
                }
                total += string(field.locationName()) + 1 + bytes(member) + (members++ > 0 ? 1 : 0);
            }
            return total;
        }
        if (value instanceof Collection<?> list) {
            long total = 2 + Math.max(0, list.size() - 1);
            for (Object item : list) {
                total += bytes(item);
            }
            return total;
        }
        if (value instanceof Map<?, ?> map) {
            long total = 2 + Math.max(0, map.size() - 1);
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                total += string(String.valueOf(entry.getKey())) + 1 + bytes(entry.getValue());
            }
            return total;
        }
        if (value instanceof SdkBytes data) {
            return 2 + (data.asByteArrayUnsafe().length + 2L) / 3 * 4;
        }
        return String.valueOf(value).length();
    }

    private static boolean absent(Object member) {
        return member == null || member instanceof SdkAutoConstructList || member instanceof SdkAutoConstructMap;
    }

    private static long string(String text) {
        long total = 2;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '"' || cp == '\\') {
                total += 2;
            } else if (cp < 0x20) {
                total += 6;
            } else if (cp < 0x80) {
                total += 1;
            } else if (cp < 0x800) {
                total += 2;
            } else {
                // the SDK's generator escapes characters beyond the BMP as a surrogate pair: backslash-u twice
                total += cp < 0x10000 ? 3 : 12;
            }
        }
        return total;
    }
}

package io.scalewatch.cli.demo;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded source of ids and choices for generated audit data. Each stream (cloud, background or
 * incidents) owns one, so changing one stream never shifts the bytes of another.
 */
final class DemoRandom {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final char[] KEY = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
    private static final char[] ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final char[] B64 =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();

    private final SplittableRandom random;

    DemoRandom(long seed) {
        random = new SplittableRandom(seed);
    }

    /** A uniformly chosen int in [low, high]. */
    int between(int low, int high) {
        return random.nextInt(low, high + 1);
    }

    /** A uniformly chosen long in [0, bound). */
    long below(long bound) {
        return random.nextLong(bound);
    }

    boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    double unit() {
        return random.nextDouble();
    }

    <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    @SafeVarargs
    final <T> T pick(T... items) {
        return items[random.nextInt(items.length)];
    }

    /** A random (version 4) UUID in its canonical text form. */
    String uuid() {
        String hex = hex(32);
        char variant = HEX[8 + random.nextInt(4)];
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-4" + hex.substring(13, 16) + "-" + variant
                + hex.substring(17, 20) + "-" + hex.substring(20, 32);
    }

    String hex(int length) {
        return chars(HEX, length);
    }

    String upperHex(int length) {
        return hex(length).toUpperCase(java.util.Locale.ROOT);
    }

    String alnum(int length) {
        return chars(ALNUM, length);
    }

    String base64(int length) {
        return chars(B64, length);
    }

    String digits(int length) {
        StringBuilder out = new StringBuilder(length);
        out.append((char) ('1' + random.nextInt(9)));
        for (int i = 1; i < length; i++) {
            out.append((char) ('0' + random.nextInt(10)));
        }
        return out.toString();
    }

    /** An EC2-style resource id: {@code i-0} + 16 hex digits, {@code ami-0...}, {@code vol-0...}. */
    String ec2Id(String prefix) {
        return prefix + "-0" + hex(16);
    }

    /** An access key id: {@code ASIA}/{@code AKIA} + 16 base32 characters. */
    String accessKey(String prefix) {
        return prefix + chars(KEY, 16);
    }

    /** An IAM unique id ({@code AROA...}, {@code AIDA...}): prefix + 17 base32 characters. */
    String iamId(String prefix) {
        return prefix + chars(KEY, 17);
    }

    private String chars(char[] alphabet, int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = alphabet[random.nextInt(alphabet.length)];
        }
        return new String(out);
    }
}

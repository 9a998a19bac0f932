package io.scalewatch.core.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalewatch.core.report.ScanReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Opens the report of the hostile fixture ({@link HostileScan}) in real headless Chromium (Debian's
 * {@code chromium}, installed by {@code infra/tools/install-chromium}; {@code -Dchromium.bin} names the binary,
 * as {@code infra/bin/test} sets it) and reads back the DOM after load: if any payload ran, the title or the DOM
 * would carry {@code swpwn}. The page is tried as written and with its Content-Security-Policy removed, so the
 * escaping alone is proven; a control page with the payloads unescaped proves the detector sees a payload that
 * runs. The screenshot and the pages are kept under {@code target/html-report/}.
 */
class HtmlReportBrowserTest {
    private static final Path OUT = Path.of("target", "html-report").toAbsolutePath();
    private static final String TITLE = "scalewatch report: every principal (run run-hostile)";
    private static String chromium;
    private static Path report;
    private static Path withoutCsp;
    private static String html;

    @BeforeAll
    static void render() throws IOException {
        String property = System.getProperty("chromium.bin", "");
        chromium = property.isBlank() ? "chromium" : property;
        Files.createDirectories(OUT);
        ScanReport scan = HostileScan.scan(OUT.resolve("input"));
        html = HtmlReport.render(scan);
        report = Files.writeString(OUT.resolve("hostile.html"), html, StandardCharsets.UTF_8);
        String stripped = html.replaceFirst("<meta http-equiv=\"Content-Security-Policy\"[^>]*>", "");
        assertThat(stripped).isNotEqualTo(html);
        withoutCsp = Files.writeString(OUT.resolve("hostile-without-csp.html"), stripped, StandardCharsets.UTF_8);
    }

    @Test
    void report_hostileFields_noPayloadRunsAndEveryPayloadShowsAsText() throws Exception {
        String dom = dumpDom(report);

        assertNothingRan(dom);
        for (String payload : HostileScan.PAYLOADS) {
            // as the page's text, serialized by Chromium (text escapes only & < >); inside evidence JSON quoted
            assertThat(dom).as("payload shown as text: %s", payload)
                    .containsAnyOf(serialized(payload), serialized(payload.replace("\"", "\\\"")));
        }
    }

    @Test
    void reportWithoutCsp_hostileFields_escapingAloneStopsEveryPayload() throws Exception {
        assertNothingRan(dumpDom(withoutCsp));
    }

    @Test
    void controlPage_unescapedPayloads_runInThisBrowser() throws Exception {
        StringBuilder page = new StringBuilder("<!DOCTYPE html><html><head><title>control</title></head><body>");
        HostileScan.PAYLOADS.subList(0, 3).forEach(page::append);
        Path control = Files.writeString(OUT.resolve("control.html"), page + "</body></html>", StandardCharsets.UTF_8);

        assertThat(dumpDom(control)).contains("swpwn");
    }

    @Test
    void report_hostileFields_screenshotIsAPng() throws Exception {
        Path png = OUT.resolve("hostile.png");
        Files.deleteIfExists(png);

        run(List.of("--window-size=1280,3000", "--screenshot=" + png, report.toUri().toString()));

        byte[] bytes = Files.readAllBytes(png);
        assertThat(bytes.length).isGreaterThan(10_000);
        assertThat(new String(bytes, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
    }

    private static void assertNothingRan(String dom) {
        assertThat(dom).doesNotContain("swpwn");
        Matcher title = Pattern.compile("<title>([^<]*)</title>").matcher(dom);
        assertThat(title.find()).isTrue();
        assertThat(title.group(1)).isEqualTo(TITLE);
        assertThat(dom).doesNotContainIgnoringCase("<script").doesNotContainIgnoringCase("<iframe")
                .doesNotContainIgnoringCase("<img").doesNotContain("id=\"swlink\"")
                .doesNotContainPattern("(?i)<[a-z][^>]*\\son[a-z]+\\s*=");
        Matcher hrefs = Pattern.compile("href=\"([^\"]*)\"").matcher(dom);
        while (hrefs.find()) {
            assertThat(hrefs.group(1)).startsWith("#");
        }
    }

    private static String serialized(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String dumpDom(Path page) throws Exception {
        return run(List.of("--virtual-time-budget=3000", "--dump-dom", page.toUri().toString()));
    }

    private static String run(List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--disable-extensions", "--user-data-dir=" + OUT.resolve("profile")));
        command.addAll(args);
        Process process;
        try {
            process = new ProcessBuilder(command).redirectError(OUT.resolve("chromium.log").toFile()).start();
        } catch (IOException e) {
            throw new AssertionError("cannot start Chromium '" + chromium + "' (install it with "
                    + "infra/tools/install-chromium; pass -Dchromium.bin=PATH)", e);
        }
        byte[] stdout = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("Chromium did not finish in 120 s: " + command);
        }
        assertThat(process.exitValue()).as("chromium exit status, see %s", OUT.resolve("chromium.log")).isZero();
        return new String(stdout, StandardCharsets.UTF_8);
    }
}

package io.scalewatch.cli;

import io.scalewatch.core.report.ScanReport;
import io.scalewatch.core.report.html.HtmlReport;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The HTML report part of {@code scalewatch bench}: render time and size of the scan's report, the time headless
 * Chromium takes from navigation start until the report is loaded, parsed and laid out (measured by a wrapper
 * page that frames it), and the wall time of a screenshot beside an empty page's. Figures, not a verdict.
 */
final class HtmlBench {
    private static final int RUNS = 3;

    private HtmlBench() {}

    static void run(PrintWriter out, ScanReport report, Path dir, Optional<Path> chromium, Optional<Path> keep)
            throws IOException {
        HtmlReport.render(report); // warm-up: the first render pays class loading
        long t = System.nanoTime();
        byte[] page = HtmlReport.renderUtf8(report);
        double renderMs = (System.nanoTime() - t) / 1e6;
        Path file = Files.write(dir.resolve(HtmlReport.FILE_NAME), page);
        out.printf("html        report.html %,.2f MB (%,d bytes) rendered in %.0f ms; %,d findings listed, "
                + "%,d timeline buckets kept%n", page.length / 1e6, page.length, renderMs, report.findings().size(),
                report.evaluation().timeline().buckets().size());
        if (keep.isPresent()) {
            Files.createDirectories(keep.get().toAbsolutePath().getParent());
            Files.write(keep.get(), page);
            out.printf("            kept at %s%n", keep.get().toAbsolutePath());
        }
        out.flush();
        Optional<Path> browser = chromium.or(() -> Optional.ofNullable(System.getenv("SCALEWATCH_CHROMIUM"))
                .map(Path::of)).or(HtmlBench::onPath).filter(Files::isExecutable);
        if (browser.isEmpty()) {
            out.println("            chromium not found (--chromium, $SCALEWATCH_CHROMIUM or PATH; "
                    + "infra/tools/install-chromium installs it); browser figures skipped");
            return;
        }
        // A wrapper page (not the report: the report runs no script) loads report.html in a frame and stamps
        // into its own title the time from navigation start until the frame has loaded and been laid out.
        Path wrapper = Files.writeString(dir.resolve("timing.html"), "<!DOCTYPE html><title>pending</title>"
                + "<iframe id=\"r\" width=\"1280\" height=\"2000\" src=\"" + HtmlReport.FILE_NAME + "\"></iframe>"
                + "<script>document.getElementById('r').addEventListener('load', function () {"
                + "var h = this.contentDocument ? this.contentDocument.documentElement.scrollHeight : -1;"
                + "document.title = 'loaded ' + Math.round(performance.now()) + ' height ' + h; });</script>",
                StandardCharsets.UTF_8);
        double[] loadMs = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            String dom = chromium(browser.get(), dir, List.of("--allow-file-access-from-files", "--dump-dom",
                    wrapper.toUri().toString()));
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("<title>loaded (\\d+) height (-?\\d+)")
                    .matcher(dom);
            if (!m.find() || m.group(2).equals("-1")) {
                out.println("            the timing page did not report a load time; browser figures skipped");
                return;
            }
            loadMs[i] = Double.parseDouble(m.group(1));
        }
        Arrays.sort(loadMs);
        out.printf("browser     load, parse and layout of report.html %.0f ms (median of %d; min %.0f, max %.0f; "
                + "headless %s)%n", loadMs[RUNS / 2], RUNS, loadMs[0], loadMs[RUNS - 1], browser.get());
        Path blank = Files.writeString(dir.resolve("blank.html"), "<!DOCTYPE html><title>blank</title>",
                StandardCharsets.UTF_8);
        double full = median(browser.get(), file, dir);
        double base = median(browser.get(), blank, dir);
        out.printf("            screenshot wall time %.2f s, of an empty page %.2f s (browser start-up is in both; "
                + "median of %d)%n", full, base, RUNS);
        out.flush();
    }

    private static double median(Path chromium, Path page, Path dir) throws IOException {
        double[] seconds = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long t = System.nanoTime();
            chromium(chromium, dir, List.of("--window-size=1280,2000", "--screenshot=" + dir.resolve("shot.png"),
                    page.toUri().toString()));
            seconds[i] = (System.nanoTime() - t) / 1e9;
        }
        Arrays.sort(seconds);
        return seconds[RUNS / 2];
    }

    private static String chromium(Path chromium, Path dir, List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--no-first-run", "--user-data-dir=" + dir.resolve("chromium-profile")));
        command.addAll(args);
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] stdout = p.getInputStream().readAllBytes();
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("chromium did not finish in 120 s: " + command);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for chromium", e);
        }
        return new String(stdout, StandardCharsets.UTF_8);
    }

    private static Optional<Path> onPath() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "chromium");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}

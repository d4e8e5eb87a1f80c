package io.callready.collector.report;

import io.agroal.api.AgroalDataSource;
import io.callready.collector.support.Api;
import io.callready.collector.support.Api.TestTenant;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The share-link page in a real headless Chromium: no console message (a CSP refusal or script error would be one),
 * the verdict and every section in the rendered DOM, a screenshot and an A4 PDF in target/report-browser/.
 */
@QuarkusTest
class ReportBrowserIT {
    static final Path OUT = Path.of("target/report-browser");

    @Inject
    AgroalDataSource db;

    @Test
    void theDetectorSeesAConsoleMessage() throws Exception {
        Files.createDirectories(OUT);
        Path page = OUT.resolve("console-control.html").toAbsolutePath();
        Files.writeString(page, "<html><body><script>console.error('control-message')</script></body></html>");
        assertThat(HeadlessChromium.run(OUT, page.toUri().toString(), "--dump-dom").console())
                .anyMatch(l -> l.contains("control-message"));
    }

    @Test
    void thePageLoadsCleanlyShowsEverySectionAndPrints() throws Exception {
        Files.createDirectories(OUT);
        TestTenant t = Api.newTenant();
        new ReportSeed(db).site(t.customerId(), t.siteId(), t.agentId(), Instant.now().truncatedTo(ChronoUnit.SECONDS), "browser");
        String url = Api.asAdmin().body(Map.of()).post("/api/v1/sites/{s}/reports", t.siteId()).then().statusCode(201)
                .extract().path("url");

        HeadlessChromium.Run dom = HeadlessChromium.run(OUT, url, "--dump-dom");
        assertThat(dom.console()).isEmpty();
        assertThat(dom.stdout()).contains("<span id=\"verdict-label\">Not ready</span>", "id=\"quality\"", "id=\"router\"",
                "id=\"bandwidth\"", "id=\"qos\"", "id=\"change-request\"", "id=\"measured\"", "<svg", "set sip-helper disable")
                .doesNotContain("<script>alert");

        Path png = OUT.resolve("report.png");
        Path pdf = OUT.resolve("report.pdf");
        Files.deleteIfExists(png);
        Files.deleteIfExists(pdf);
        assertThat(HeadlessChromium.run(OUT, url, "--window-size=1000,2200", "--screenshot=" + png.toAbsolutePath()).console()).isEmpty();
        assertThat(HeadlessChromium.run(OUT, url, "--no-pdf-header-footer", "--print-to-pdf=" + pdf.toAbsolutePath()).console()).isEmpty();

        byte[] image = Files.readAllBytes(png);
        assertThat(image).hasSizeGreaterThan(20_000);
        assertThat(new String(image, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
        String pdfText = new String(Files.readAllBytes(pdf), StandardCharsets.ISO_8859_1);
        assertThat(pdfText).startsWith("%PDF-");
        // A4 from the print stylesheet; the change request starts its own page, so at least two
        String info = poppler("pdfinfo", pdf.toAbsolutePath().toString());
        assertThat(info).containsPattern("Page size: +59[45]\\.\\d+ x 84[12]\\.\\d+ pts \\(A4\\)");
        assertThat(Integer.parseInt(info.replaceAll("(?s).*\nPages: +(\\d+).*", "$1"))).isGreaterThanOrEqualTo(2);
        Path firstPage = OUT.resolve("report-pdf-page1");
        poppler("pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", "-singlefile", pdf.toAbsolutePath().toString(),
                firstPage.toAbsolutePath().toString());
        assertThat(Files.size(OUT.resolve("report-pdf-page1.png"))).isGreaterThan(10_000);
    }

    /** poppler-utils (scripts/install-deps.sh): page count and size, and the first page as PNG for README. */
    private static String poppler(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(cmd[0] + " finished").isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}

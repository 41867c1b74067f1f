package io.cdclab.report;

import io.cdclab.junit.ChecksOfTheWholeRunLast;
import io.cdclab.util.LabHome;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The report renders in a real browser: scripts/screenshot-report.sh opens a page from disk in headless Chromium
 * and the screenshot shows the chart's bars (pixels of the bar colour). Skipped where no Chromium is installed.
 */
@ChecksOfTheWholeRunLast.OfTheWholeRun // the pages this run wrote, not an earlier run's
class ReportScreenshotTest {
    private static final int BAR_RGB = 0x4a7bb7; // SvgBarChart's bar fill

    @Test
    void aReportPage_rendersInHeadlessChromium_withItsBarChartVisible() throws Exception {
        assumeTrue(ReportBrowserTest.chromium().isPresent(), "no chromium on PATH: the screenshot check is skipped (apt-get install -y chromium)");
        Map<String, Integer> bars = new LinkedHashMap<>();
        for (int p = 0; p < 6; p++) {
            bars.put("p" + p, 100 + 40 * p);
        }
        ReportPage page = LabReport.page("screenshot-selftest", "Screenshot self-test");
        page.section(ScenarioFinding.of("Z7", "chart", "Shown.").tests("A claim", LabReport.Verdict.CONFIRMED))
                .barChart("Records per partition", bars);
        page.write();
        Path png = LabReport.directory().resolve("screenshot-selftest.png");
        Files.deleteIfExists(png);
        try {
            Process script = new ProcessBuilder(LabHome.locate().resolve("scripts/screenshot-report.sh").toString(),
                    "screenshot-selftest", png.toString()).redirectErrorStream(true).start();
            assertThat(script.waitFor(180, TimeUnit.SECONDS)).as("screenshot script finished").isTrue();
            String output = new String(script.getInputStream().readAllBytes());
            assertThat(script.exitValue()).as(output).isZero();

            BufferedImage image = ImageIO.read(png.toFile());
            assertThat(image).as("a PNG at " + png).isNotNull();
            assertThat(image.getWidth()).isEqualTo(1200);
            assertThat(barPixels(image)).as("pixels of the chart's bar colour").isGreaterThan(2000);
        } finally {
            LabReport.forget("screenshot-selftest");
            Files.deleteIfExists(png);
        }
    }

    private static long barPixels(BufferedImage image) {
        long count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if (close(image.getRGB(x, y) & 0xffffff, BAR_RGB)) {
                    count++;
                }
            }
        }
        return count;
    }

    private static boolean close(int rgb, int target) {
        for (int shift = 0; shift <= 16; shift += 8) {
            if (Math.abs(((rgb >> shift) & 0xff) - ((target >> shift) & 0xff)) > 12) {
                return false;
            }
        }
        return true;
    }
}

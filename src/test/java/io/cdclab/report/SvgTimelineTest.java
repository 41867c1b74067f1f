package io.cdclab.report;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SvgTimelineTest {

    @Test
    void theOutageWindow_spansFromTheFaultToTheRecovery_onTheTimeAxis() {
        String svg = SvgTimeline.render(ReportBrowserTest.fixtureTimeline());
        // The fixture spans -10 s .. 20 s over the plot's 920 px from x=120: 0 s is at 426.7, 12 s at 794.7.
        Matcher outage = Pattern.compile("<rect class=\"outage\" x=\"([0-9.]+)\" y=\"[0-9]+\" width=\"([0-9.]+)\"").matcher(svg);
        assertThat(outage.find()).as("an outage rect in %s", svg).isTrue();
        assertThat(Double.parseDouble(outage.group(1))).isCloseTo(426.7, Offset.offset(0.2));
        assertThat(Double.parseDouble(outage.group(2))).isCloseTo(368.0, Offset.offset(0.2));
        assertThat(svg).contains("outage 12.0 s").contains("seconds from the fault").contains("row changes per second")
                .contains(">f1-sink<").contains(">FAILED<");
        assertThat(Pattern.compile("<path class=\"series\"").matcher(svg).results().count()).isEqualTo(2);
    }

    @Test
    void marksAreNumberedInTimeOrder_andExplainedUnderTheChart() {
        Timeline t = new Timeline("marks", "row changes per second", List.of(new Timeline.Series("c", Map.of(0, 1L))),
                List.of(), List.of(new Timeline.Mark(5, Timeline.MarkKind.RECOVERED, "rows flow"),
                new Timeline.Mark(0, Timeline.MarkKind.FAULT, "kill -9")), null);
        String html = SvgTimeline.render(t);
        assertThat(html).doesNotContain("class=\"outage\"");
        assertThat(html.indexOf("fault at 0.0 s</span>: kill -9")).isPositive()
                .isLessThan(html.indexOf("recovered at 5.0 s</span>: rows flow"));
    }

    @Test
    void aWindowEndingBeforeItStarts_isRefused_namingBothEnds() {
        assertThatThrownBy(() -> new Timeline.Window(3, 1, "outage"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3.0 s to 1.0 s");
    }
}

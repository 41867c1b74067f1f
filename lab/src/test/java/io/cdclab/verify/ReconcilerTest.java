package io.cdclab.verify;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ReconcilerTest {
    private static final List<String> KEY = List.of("id");

    @Test
    void equalRows_matchEvenWhenNumbersComeBackAsOtherJavaTypes() {
        Reconciliation r = Reconciler.compare(
                List.of(Map.of("id", 1, "balance", new BigDecimal("10.50"))),
                List.of(Map.of("id", 1L, "balance", new BigDecimal("10.5"))), KEY);

        assertThat(r.matches()).as(r.summary()).isTrue();
    }

    @Test
    void catchesMissingExtraAndDifferingRows() {
        Reconciliation r = Reconciler.compare(
                List.of(Map.of("id", 1, "name", "Ada"), Map.of("id", 2, "name", "Brian")),
                List.of(Map.of("id", 1, "name", "Ada L."), Map.of("id", 3, "name", "Chen")), KEY);

        assertThat(r.matches()).isFalse();
        assertThat(r.missing()).extracting(m -> m.get("id")).containsExactly(2);
        assertThat(r.extra()).extracting(m -> m.get("id")).containsExactly(3);
        assertThat(r.differing()).singleElement().satisfies(d -> {
            assertThat(d.column()).isEqualTo("name");
            assertThat(d.sourceValue()).isEqualTo("Ada");
            assertThat(d.lakeValue()).isEqualTo("Ada L.");
        });
        assertThat(r.summary()).contains("1 missing, 1 extra, 1 differing");
    }
}

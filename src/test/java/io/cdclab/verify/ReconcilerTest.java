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

    @Test
    void typedComparison_equalMeaningMatches_lossyRepresentationsDiffer() {
        java.time.Instant instant = java.time.Instant.parse("2026-11-26T11:45:30.123456Z");
        Map<String, Object> source = new java.util.LinkedHashMap<>();
        source.put("id", 1);
        source.put("amount", new BigDecimal("10.50"));
        source.put("ratio", 1.1f);
        source.put("at", instant);
        source.put("wall", java.time.LocalDateTime.parse("2026-11-26T13:45:30.123456"));
        source.put("day", java.time.LocalDate.parse("2026-11-26"));
        source.put("bytes", new byte[] {0, 1, (byte) 0xff});
        source.put("tags", List.of("a", "b"));
        source.put("doc", jsonb("{\"b\": [1, 2.5], \"a\": null}"));
        source.put("nothing", null);
        Map<String, Object> lake = new java.util.LinkedHashMap<>(source);
        lake.put("id", 1L);
        lake.put("amount", new BigDecimal("10.5000"));
        lake.put("at", java.sql.Timestamp.from(instant));
        lake.put("day", java.sql.Date.valueOf("2026-11-26"));
        lake.put("bytes", java.nio.ByteBuffer.wrap(new byte[] {0, 1, (byte) 0xff}));
        lake.put("tags", scala.jdk.javaapi.CollectionConverters.asScala(List.of("a", "b")).toSeq());
        lake.put("doc", "{\"a\":null,\"b\":[1,2.5]}");
        assertThat(Reconciler.compare(List.of(source), List.of(lake), KEY).matches()).isTrue();

        Map<String, Object> lossy = new java.util.LinkedHashMap<>(lake);
        lossy.put("amount", "10.50");                                  // a decimal that arrived as text
        lossy.put("at", 1_764_157_530_123_456L);                        // a timestamp as epoch microseconds
        lossy.put("wall", java.sql.Timestamp.valueOf("2026-11-26 13:45:30.123"));   // microseconds lost
        lossy.put("bytes", new byte[] {0, 1});
        lossy.put("tags", List.of("b", "a"));
        lossy.put("doc", "{\"a\":1}");
        lossy.put("nothing", "");
        Reconciliation r = Reconciler.compare(List.of(source), List.of(lossy), KEY);
        assertThat(r.differingColumns().keySet())
                .containsExactlyInAnyOrder("amount", "at", "wall", "bytes", "tags", "doc", "nothing");
        assertThat(r.summary()).contains("7 differing");
        assertThat(r.differing()).extracting(Object::toString).contains("{id=1}.bytes: postgres=\\x0001ff lake=\\x0001");
    }

    private static org.postgresql.util.PGobject jsonb(String value) {
        try {
            org.postgresql.util.PGobject o = new org.postgresql.util.PGobject();
            o.setType("jsonb");
            o.setValue(value);
            return o;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aNumberThatReachedTheLakeAsText_isADifference_thatSaysItIsATypeMapping() {
        Reconciliation r = Reconciler.compare(List.of(Map.of("id", 1, "total", new BigDecimal("10.50"))),
                List.of(Map.of("id", 1, "total", "10.50")), List.of("id"));
        assertThat(r.differing()).singleElement().asString()
                .contains("the same text, but PostgreSQL's BigDecimal reached the lake as String: a type mapping");
    }
}

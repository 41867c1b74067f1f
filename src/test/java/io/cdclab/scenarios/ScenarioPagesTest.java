package io.cdclab.scenarios;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The scenario pages are the report's pages by their file ids (a page that fails to be one leaves sections unwritten). */
class ScenarioPagesTest {
    @Test
    void eachScenarioPageIsTheReportsPageOfItsId() {
        assertThat(List.of(ScenarioPages.KEYS_PARTITIONS, ScenarioPages.CHANGE_SEMANTICS, ScenarioPages.GLUE,
                ScenarioPages.EXTERNAL_BACKEND))
                .doesNotContainNull()
                .extracting(page -> page.id() + ": " + page.title())
                .containsExactly("keys-partitions: Keys and partitions", "change-semantics: Change semantics",
                        "glue: The AWS half: Glue catalog, S3 and STS sessions",
                        "external-backend: E1: the external backend");
    }
}

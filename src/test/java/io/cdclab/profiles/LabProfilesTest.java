package io.cdclab.profiles;

import io.cdclab.errors.LabException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LabProfilesTest {
    @Test
    void profilesCombine_commaSeparated_inAnyCase_andAnUnknownNameIsRefusedListingTheKnownOnes() {
        assertThat(LabProfiles.parse("")).isEmpty();
        assertThat(LabProfiles.parse("Fast, recovery")).containsExactly("fast", "recovery");
        assertThatThrownBy(() -> LabProfiles.parse("fast,turbo")).isInstanceOf(LabException.class)
                .hasMessageContaining("'turbo'").hasMessageContaining("default (").hasMessageContaining("fast (")
                .hasMessageContaining("recovery (").hasMessageContaining("-Dlab.profile=fast,recovery");
    }
}

package io.cdclab.pipeline;

import io.cdclab.errors.LabException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IcebergNamesTest {

    @Test
    void namespaceAndTables_inGluesRule_pass() {
        assertThatCode(() -> IcebergNames.require("k1", "cdc_k1", List.of("public.orders", "sales.order_lines")))
                .doesNotThrowAnyException();
    }

    @Test
    void aHyphenOrUpperCase_orTwoTablesOfTheSameName_areRefusedNamingTheRule() {
        assertThatThrownBy(() -> IcebergNames.require("x", "cdc_bad-config", List.of("public.Orders")))
                .isInstanceOf(LabException.class)
                .hasMessageContaining("namespace 'cdc_bad-config'")
                .hasMessageContaining("table 'public.Orders'")
                .hasMessageContaining("lower-case letters, digits and underscores");
        assertThatThrownBy(() -> IcebergNames.require("x", "cdc_x", List.of("public.orders", "sales.orders")))
                .hasMessageContaining("would both land in cdc_x.orders");
    }
}

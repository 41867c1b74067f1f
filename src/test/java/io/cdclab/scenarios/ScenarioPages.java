package io.cdclab.scenarios;

import io.cdclab.report.LabReport;
import io.cdclab.report.ReportPage;

/**
 * The report pages the scenario classes write, each page's file id and title named once: several classes add
 * sections to one page (K1-K7 and P1-P2 to keys-partitions, C1-C5 to change-semantics). The faults page is
 * {@code FaultsReport.page()}, shared with the lab's own fault runs.
 */
final class ScenarioPages {
    static final ReportPage KEYS_PARTITIONS = LabReport.page("keys-partitions", "Keys and partitions");
    static final ReportPage CHANGE_SEMANTICS = LabReport.page("change-semantics", "Change semantics");
    static final ReportPage GLUE = LabReport.page("glue", "The AWS half: Glue catalog, S3 and STS sessions");
    static final ReportPage EXTERNAL_BACKEND = LabReport.page("external-backend", "E1: the external backend");

    private ScenarioPages() {
    }
}

package io.cdclab.scenarios;

import io.cdclab.report.ReportPage;

/**
 * The report pages the scenario classes write, each page's file id and title named once: several classes add
 * sections to one page (K1-K7 and P1-P2 to keys-partitions, C1-C5 to change-semantics). The faults page is
 * {@code FaultsReport.page()}, shared with the lab's own fault runs.
 */
final class ScenarioPages {
    static final ReportPage KEYS_PARTITIONS = ScenarioPages.KEYS_PARTITIONS;
    static final ReportPage CHANGE_SEMANTICS = ScenarioPages.CHANGE_SEMANTICS;
    static final ReportPage GLUE = ScenarioPages.GLUE;
    static final ReportPage EXTERNAL_BACKEND = ScenarioPages.EXTERNAL_BACKEND;

    private ScenarioPages() {
    }
}

package io.cdclab.faults;

import java.time.Duration;
import java.util.Optional;

/**
 * One fault as the faults page reports it: how long until monitoring saw it, how long until rows flowed into
 * the lake again, and what was lost or duplicated, in the materialised state and in the raw changelog.
 *
 * @param timeToDetect    from injection to the first non-RUNNING status (empty: no status ever showed it)
 * @param timeToRecover   from injection until a row written after it was in the lake
 * @param recoveryAction  how long the lab's own recovery steps took (runbook, connector restart), if any
 */
public record FaultOutcome(String id, String fault, Optional<Duration> timeToDetect, Duration timeToRecover,
                           Optional<Duration> recoveryAction, String firstSign, int restartsNeeded,
                           long rowsMissingMaterialised, long rowsExtraMaterialised, long rowsDifferingMaterialised,
                           long rawEvents, long rawDuplicateEvents, long rawMissingInserts, long committedTransactions,
                           long failedTransactions) {
}

package io.cdclab.process;

import io.cdclab.errors.LabException;

/** A child server died while the lab was waiting for it: no point in waiting any longer. */
public final class ProcessExitedException extends LabException {
    public ProcessExitedException(String message) {
        super(message);
    }
}

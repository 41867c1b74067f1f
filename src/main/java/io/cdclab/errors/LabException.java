package io.cdclab.errors;

/**
 * An error the lab explains: what went wrong, and what to do about it. Thrown for bad input (a taken port, a
 * missing fixture, a connector config that Connect rejects) and for services that do not become ready.
 */
public class LabException extends RuntimeException {
    public LabException(String message) {
        super(message);
    }

    public LabException(String message, Throwable cause) {
        super(message, cause);
    }
}

package io.cdclab.connect;

import io.cdclab.errors.LabException;

/** Connect answered 4xx or 5xx; the message is Connect's own, with the request that caused it. */
public class ConnectRestException extends LabException {
    private final int status;
    private final String connectMessage;

    public ConnectRestException(String request, int status, String connectMessage) {
        super("Kafka Connect rejected " + request + " with HTTP " + status + ": " + connectMessage);
        this.status = status;
        this.connectMessage = connectMessage;
    }

    public int status() {
        return status;
    }

    /** The {@code message} field of Connect's error body, verbatim. */
    public String connectMessage() {
        return connectMessage;
    }
}

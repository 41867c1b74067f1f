package io.cdclab.connect;

import io.cdclab.errors.LabException;

/** Connect's validation found errors in a connector config; the message lists each field and what is wrong. */
public final class InvalidConnectorConfigException extends LabException {
    private final transient ValidationResult validation;

    public InvalidConnectorConfigException(String connector, ValidationResult validation) {
        super("Kafka Connect rejects the config of connector " + connector + " (" + validation.errorCount()
                + " error(s)): " + validation.errors() + ". Fix these keys in the connector's fixture or overrides.");
        this.validation = validation;
    }

    public ValidationResult validation() {
        return validation;
    }
}

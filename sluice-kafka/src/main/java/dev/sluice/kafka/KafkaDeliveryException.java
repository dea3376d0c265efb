package dev.sluice.kafka;

/** A record could not be delivered to Kafka; the cause is the producer's exception. */
public final class KafkaDeliveryException extends RuntimeException {
    /** @param message what failed @param cause the producer's exception */
    public KafkaDeliveryException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.sluice;

/**
 * Internal control flow: unwinds a thread whose pipeline is stopping, cancelled or failed. Never
 * handled by error policies; caught at the root of each node thread. No stack trace: it is not
 * an error.
 */
final class Signal extends RuntimeException {
    static final Signal CLOSED = new Signal("pipeline closed");

    private Signal(String message) {
        super(message, null, false, false);
    }
}

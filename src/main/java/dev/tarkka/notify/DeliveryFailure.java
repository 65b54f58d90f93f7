package dev.tarkka.notify;

/** A target did not take a notification; the message says why in a line, never echoing what it answered. */
final class DeliveryFailure extends RuntimeException {

    DeliveryFailure(String message) {
        super(message, null, false, false);
    }
}

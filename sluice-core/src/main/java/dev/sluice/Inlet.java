package dev.sluice;

/**
 * The receiving side of a connection. An abstract class rather than an interface on purpose:
 * the push loop calls {@code onNext} through a megamorphic call site, and a virtual call is
 * cheaper than an interface call there.
 *
 * <p>Signals arrive serialized: never two at once, all before {@code onComplete}/{@code onError}.
 */
abstract class Inlet<I> {
    abstract void onNext(I item);

    /** One input ended normally. */
    abstract void onComplete();

    /** The pipeline failed upstream of this inlet. */
    abstract void onError(Throwable error);

    /** A {@link Marker} arrived behind the items sent before it. */
    abstract void onMarker(Marker marker);
}

package org.consentledger.api;

/**
 * An event as evidence format 1 stored it, public and personal fields together, seen as the two parts format 2 keeps
 * apart: what decides a client's resend of it is the same whichever format recorded it.
 */
public interface FormatOneEvent {

    /** The event's public fields, as the format 2 record of its type (with no sealed part). */
    Object publicPart();

    /** The event's personal fields, as the personal record of its type. */
    Object personalPart();
}

package org.consentledger.api.signals;

import java.util.List;

/**
 * The browser's Global Privacy Control signal, received with a consent ({@code Sec-GPC: 1}, or {@code "gpc": true}
 * from a back end relaying it).
 *
 * @param optedOut the categories the signal denied: those the policy version says GPC opts out of
 *                 ({@code gpcOptsOut}) and the visitor made no choice for in the same submission
 */
public record GpcSignal(List<String> optedOut) {

    public GpcSignal {
        optedOut = List.copyOf(optedOut);
    }
}

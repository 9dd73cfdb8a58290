package org.consentledger.ledger.write;

/**
 * @param groupSize         the most commands recorded in one transaction when requests queue up
 * @param writers           how many groups are prepared at once (their appends and commits take turns)
 * @param rememberedStreams how many streams' histories are kept in memory (least recently used go first)
 */
public record WriterSettings(int groupSize, int writers, int rememberedStreams) {
}

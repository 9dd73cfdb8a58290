package org.consentledger.api.notice;

/** A cookie category as a notice listed it: the policy's category id, and the words the notice used for it. */
public record NoticeCategory(String id, String name, String description) {
}

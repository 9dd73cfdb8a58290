package org.consentledger.api.notice;

/**
 * A file that belongs to a notice (a screenshot of it, its script or configuration), named by the SHA-256 of its
 * bytes: the notice's digest covers this digest, so the bytes cannot change without the notice's digest changing.
 *
 * @param sha256 lower-case hex SHA-256 of the file's bytes
 */
public record NoticeAttachment(String name, String mediaType, long size, String sha256) {
}

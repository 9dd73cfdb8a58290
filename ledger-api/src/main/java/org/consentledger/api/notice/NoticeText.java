package org.consentledger.api.notice;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a notice said in one language.
 *
 * @param buttonLabels the label of each button the notice offered, by button
 * @param categories   the cookie categories (purposes) the notice listed, as it named and described them
 * @param vendors      the vendors (third parties) the notice listed
 */
public record NoticeText(
        String title,
        String body,
        SortedMap<String, String> buttonLabels,
        List<NoticeCategory> categories,
        List<NoticeVendor> vendors) {

    public NoticeText {
        buttonLabels = Collections.unmodifiableSortedMap(
                buttonLabels == null ? new TreeMap<>() : new TreeMap<>(buttonLabels));
        categories = categories == null ? List.of() : List.copyOf(categories);
        vendors = vendors == null ? List.of() : List.copyOf(vendors);
    }
}

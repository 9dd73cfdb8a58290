package org.consentledger.benchmark;

import java.time.Instant;
import java.util.List;

/**
 * What the generated traffic is made of: the sites with their policy's start, how many visitors, and the mix.
 * Visitor {@code i} belongs to site {@code i % sites}, so every (site, visitor) pair is known without a table.
 */
record Workload(List<Site> sites, int visitors, double withdrawals, double lateArrivals, double duplicates,
                long seed, String runTag) {

    /** @param effectiveFrom when the site's policy version 1 took effect: no decision may have occurred before */
    record Site(String id, Instant effectiveFrom) {
    }

    Site siteOf(int visitor) {
        return sites.get(visitor % sites.size());
    }

    /** Pseudonymous, as sites choose them; a bijection of the index, so ids never collide. */
    static String visitorId(int visitor) {
        return "v-%016x".formatted(visitor * 0x9E3779B97F4A7C15L);
    }

    /** How many visitors site {@code site} has. */
    int visitorsOf(int site) {
        int n = sites.size();
        return visitors / n + (site < visitors % n ? 1 : 0);
    }

    /** The {@code k}-th visitor of site {@code site}. */
    int visitor(int site, int k) {
        return site + sites.size() * k;
    }
}

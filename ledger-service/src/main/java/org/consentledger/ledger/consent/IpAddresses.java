package org.consentledger.ledger.consent;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.consentledger.ledger.LedgerRejection;

/**
 * Shortens the visitor's address in a consent's evidence before it is sealed: an IPv4 address to its /24 network, an
 * IPv6 address to its /48, which still says where a request came from (country, provider) without naming the device.
 * Only the evidence entry {@value #KEY} is read as an address; one that is not an address is refused.
 */
public final class IpAddresses {

    /** The evidence entry that holds the visitor's address. */
    public static final String KEY = "ipAddress";

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private IpAddresses() {
    }

    /** The evidence with its address truncated; the same map when it has none. */
    public static Map<String, String> truncated(Map<String, String> evidence) {
        String address = evidence.get(KEY);
        if (address == null) {
            return evidence;
        }
        Map<String, String> copy = new LinkedHashMap<>(evidence);
        copy.put(KEY, truncate(address));
        return Map.copyOf(copy);
    }

    /** @throws LedgerRejection naming {@code evidence.ipAddress} when the text is not an IP address */
    static String truncate(String address) {
        byte[] bytes = parse(address);
        if (bytes.length == 4) {
            bytes[3] = 0;
        } else {
            for (int i = 6; i < 16; i++) {
                bytes[i] = 0;
            }
        }
        try {
            String text = InetAddress.getByAddress(bytes).getHostAddress();
            return bytes.length == 4 ? text : compress(text);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an address of 4 or 16 bytes is always an address", e);
        }
    }

    /** Parsed without any name lookup: only literal addresses get this far. */
    private static byte[] parse(String address) {
        boolean literal = IPV4.matcher(address).matches() || (address.contains(":") && IPV6.matcher(address).matches());
        if (literal) {
            try {
                return InetAddress.getByName(address).getAddress();
            } catch (UnknownHostException e) {
                // falls through to the refusal
            }
        }
        throw LedgerRejection.invalid("evidence." + KEY, "evidence." + KEY + " must be an IPv4 or IPv6 address");
    }

    /** The JDK writes every group of an IPv6 address; the usual form drops the longest run of zeros. */
    private static String compress(String full) {
        String[] groups = full.split(":");
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < groups.length; ) {
            int j = i;
            while (j < groups.length && groups[j].equals("0")) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        if (bestStart < 0) {
            return full;
        }
        String head = String.join(":", java.util.Arrays.copyOfRange(groups, 0, bestStart));
        String tail = String.join(":", java.util.Arrays.copyOfRange(groups, bestStart + bestLength, groups.length));
        return head + "::" + tail;
    }
}

package org.aftersaleshub.mock.dingtalk;

/**
 * IPv4 allow-list rules of a DingTalk robot: a plain address or a CIDR range (IPv6 is not supported,
 * docs/vendor-apis/dingtalk.md §5.1).
 */
final class IpRules {

    private IpRules() {
    }

    static boolean matches(String rule, String ip) {
        if (ip == null) {
            return false;
        }
        Long addr = toLong(ip);
        if (addr == null) {
            return false;
        }
        int slash = rule.indexOf('/');
        if (slash < 0) {
            return addr.equals(toLong(rule.trim()));
        }
        Long net = toLong(rule.substring(0, slash).trim());
        int bits = Integer.parseInt(rule.substring(slash + 1).trim());
        if (net == null || bits < 0 || bits > 32) {
            return false;
        }
        long mask = bits == 0 ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
        return (addr & mask) == (net & mask);
    }

    private static Long toLong(String ip) {
        String[] p = ip.split("\\.");
        if (p.length != 4) {
            return null;
        }
        long v = 0;
        for (String s : p) {
            int b;
            try {
                b = Integer.parseInt(s);
            } catch (NumberFormatException e) {
                return null;
            }
            if (b < 0 || b > 255) {
                return null;
            }
            v = (v << 8) | b;
        }
        return v;
    }
}

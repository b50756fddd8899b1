package org.aftersaleshub.bench;

/**
 * One engineer of the IM benchmark and the one ticket assigned to them: a staff record in the hub whose preferred
 * channel is DingTalk or WeCom (alternating), a member of that platform's mock directory.
 *
 * @param index    0.., the order of the assignments
 * @param staffId  the hub's id of the staff record
 * @param ticketId the ticket this engineer gets
 */
record Engineer(int index, String staffId, String ticketId) {

    boolean dingtalk() {
        return index % 2 == 0;
    }

    String platform() {
        return dingtalk() ? "DINGTALK" : "WECOM";
    }

    String imUserId() {
        return imUserId(index);
    }

    static String imUserId(int index) {
        return index % 2 == 0 ? String.format("bench_dt_%05d", index) : String.format("BenchWc%05d", index);
    }

    String name() {
        return name(index);
    }

    static String name(int index) {
        return "压测工程师" + index;
    }

    /** The staff record to create: the one IM id of its platform, that platform preferred. */
    static String staffJson(int index) {
        boolean dt = index % 2 == 0;
        return "{\"name\":\"" + name(index) + "\",\"roles\":[\"ENGINEER\"],\"region\":\"华东\",\""
                + (dt ? "dingTalkUserId" : "weComUserId") + "\":\"" + imUserId(index) + "\",\"preferredChannel\":\""
                + (dt ? "DINGTALK" : "WECOM") + "\"}";
    }
}

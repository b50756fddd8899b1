package org.aftersaleshub.connector.wecom;

/**
 * What a group robot did with a message (docs/vendor-apis/wecom.md §5).
 *
 * @param status  DELIVERED, or REFUSED for good (its content)
 * @param errcode 0, or WeCom's code when REFUSED
 * @param reason  WeCom's message when REFUSED, else null
 */
public record WeComRobotResult(String robot, String key, Status status, int errcode, String reason) {

    public enum Status { DELIVERED, REFUSED }

    public String summary() {
        return status == Status.DELIVERED ? "robot " + robot + " message " + key + " delivered"
                : "robot " + robot + " refused message " + key + ": errcode " + errcode + " " + reason;
    }
}

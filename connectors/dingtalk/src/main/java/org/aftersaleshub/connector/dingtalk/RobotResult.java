package org.aftersaleshub.connector.dingtalk;

/**
 * What a custom robot did with a message (docs/vendor-apis/dingtalk.md §5.5, §13.1).
 *
 * @param robot   the robot's name
 * @param key     the message's idempotency key
 * @param msgUuid DingTalk's {@code msgUuid} sent with it
 * @param status  DELIVERED, or REFUSED for good (its content: unsafe, unsupported, malformed)
 * @param errcode 0, or DingTalk's code when REFUSED
 * @param reason  DingTalk's message when REFUSED, else null
 */
public record RobotResult(String robot, String key, String msgUuid, Status status, int errcode, String reason) {

    public enum Status { DELIVERED, REFUSED }

    /** One line for the journal. */
    public String summary() {
        return status == Status.DELIVERED ? "robot " + robot + " message " + key + " delivered"
                : "robot " + robot + " refused message " + key + ": errcode " + errcode + " " + reason;
    }
}

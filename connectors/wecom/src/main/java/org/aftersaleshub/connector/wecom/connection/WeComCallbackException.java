package org.aftersaleshub.connector.wecom.connection;

/**
 * A WeCom callback that cannot be trusted or read: a bad key, a signature that does not match, a payload that does not
 * decrypt, belongs to another corp or is not the XML expected. Carries the code of Tencent's callback library
 * (docs/vendor-apis/wecom.md §4.6) and a message that never holds a key, the token or the payload. It is an answer to a
 * bad request, not a fault: no stack trace.
 */
public final class WeComCallbackException extends RuntimeException {

    /** Why the callback was refused, with the library's code (docs/vendor-apis/wecom.md §4.6). */
    public enum Failure {
        SIGNATURE_MISMATCH(-40001),
        PARSE_ERROR(-40002),
        ILLEGAL_AES_KEY(-40004),
        RECEIVE_ID_MISMATCH(-40005),
        DECRYPT_ERROR(-40007),
        ILLEGAL_BUFFER(-40008),
        BASE64_DECODE_ERROR(-40010);

        private final int code;

        Failure(int code) {
            this.code = code;
        }

        /** The library's error code for this failure. */
        public int code() {
            return code;
        }
    }

    private final Failure failure;

    public WeComCallbackException(Failure failure, String message) {
        super(failure.code + " " + message, null, false, false);
        this.failure = failure;
    }

    public Failure failure() {
        return failure;
    }
}

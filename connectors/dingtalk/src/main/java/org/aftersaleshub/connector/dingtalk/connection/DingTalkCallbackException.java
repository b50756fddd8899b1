package org.aftersaleshub.connector.dingtalk.connection;

/**
 * A DingTalk callback that cannot be trusted or read: a bad key, a signature that does not match, a payload that does
 * not decrypt or belongs to another app. Carries DingTalk's own code (docs/vendor-apis/dingtalk.md §6.8) and a message
 * that never holds a key, a token or the payload. It is an answer to a bad request, not a fault: no stack trace.
 */
public final class DingTalkCallbackException extends RuntimeException {

    /** Why the callback was refused, with DingTalk's code for it (docs/vendor-apis/dingtalk.md §6.8). */
    public enum Failure {
        /** The EncodingAESKey is not 43 characters of Base64 (a configuration error). */
        ILLEGAL_AES_KEY(900004),
        /** msg_signature (or x-ddpaas-signature) is not the one computed; the official class throws 900006. */
        SIGNATURE_MISMATCH(900006),
        /** The ciphertext is not Base64, not whole AES blocks, or its padding is broken. */
        DECRYPT_ERROR(900008),
        /** The length field of the plaintext points outside it. */
        LENGTH_MISMATCH(900009),
        /** The plaintext ends with another owner key (appKey / corpId) than this app's. */
        OWNER_KEY_MISMATCH(900010);

        private final int code;

        Failure(int code) {
            this.code = code;
        }

        /** DingTalk's error code for this failure. */
        public int code() {
            return code;
        }
    }

    private final Failure failure;

    public DingTalkCallbackException(Failure failure, String message) {
        super(failure.code + " " + message, null, false, false);
        this.failure = failure;
    }

    public Failure failure() {
        return failure;
    }
}

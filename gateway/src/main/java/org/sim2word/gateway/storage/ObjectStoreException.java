package org.sim2word.gateway.storage;

/** S3 failed or could not be reached; callers should retry later. */
public final class ObjectStoreException extends RuntimeException {

    public ObjectStoreException(String doing, Exception cause) {
        super("the object store failed while " + doing + ": " + cause.getMessage(), cause);
    }
}

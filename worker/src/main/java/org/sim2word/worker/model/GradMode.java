package org.sim2word.worker.model;

import ai.djl.pytorch.jni.JniUtils;

/**
 * Autograd recording on the current thread for the life of this object. libtorch's grad mode is thread-local and
 * DJL's default differs between threads (platform notes §6), so it is always set explicitly and always restored.
 */
final class GradMode implements AutoCloseable {
    private GradMode() {
        JniUtils.setGradMode(true);
    }

    static GradMode enable() {
        return new GradMode();
    }

    @Override
    public void close() {
        JniUtils.setGradMode(false);
    }
}

package org.sim2word.stack;

import java.util.function.Supplier;

/**
 * Runs code with this library's class loader as the thread's context class loader. Kafka clients and Flyway load
 * classes through the context class loader; in a Quarkus test it is Quarkus's, whose copies of those classes do not
 * match this library's when the system class loader owns the stack (see {@link LocalServices#shared()}).
 */
final class ContextClassLoader {
    private ContextClassLoader() {
    }

    static <T> T ours(Supplier<T> work) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(ContextClassLoader.class.getClassLoader());
        try {
            return work.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}

package org.sim2word.stack.child;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * The entry point of every child JVM the stack starts (the Kafka broker, S3Proxy). It runs in the CHILD, on the
 * child's classpath, so it uses the JDK only and stays one class file.
 *
 * <p>It ties the child's life to its parent: the parent holds the write end of the child's stdin, and when the
 * parent goes away for any reason, kill -9 included, stdin reaches end-of-file and the child exits through its
 * shutdown hooks. Then it runs the real main class.
 *
 * <pre>
 *   ChildMain [--kafka-format CLUSTER_ID CONFIG] MAIN_CLASS [ARGS...]
 * </pre>
 * {@code --kafka-format} first formats the broker's storage (skipped when already formatted), in this same JVM.
 */
public final class ChildMain {
    private ChildMain() {
    }

    public static void main(String[] args) throws Throwable {
        Thread watchdog = new Thread(ChildMain::exitWhenParentGoes, "sim2word-parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();

        int next = 0;
        if (args.length >= 3 && args[0].equals("--kafka-format")) {
            formatKafkaStorage(args[1], args[2]);
            next = 3;
        }
        if (next >= args.length) {
            throw new IllegalArgumentException("usage: ChildMain [--kafka-format CLUSTER_ID CONFIG] MAIN_CLASS [ARGS...]");
        }
        Method main = Class.forName(args[next]).getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) Arrays.copyOfRange(args, next + 1, args.length));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static void exitWhenParentGoes() {
        InputStream in = System.in;
        byte[] buffer = new byte[64];
        try {
            while (in.read(buffer) != -1) {
                // the parent never writes; anything it might is ignored
            }
        } catch (IOException ignored) {
            // a broken pipe means the same as end-of-file
        }
        System.err.println("sim2word-stack: the parent process is gone; stopping");
        System.exit(0);
    }

    private static void formatKafkaStorage(String clusterId, String config) throws Throwable {
        Method execute = Class.forName("kafka.tools.StorageTool").getMethod("execute", String[].class, PrintStream.class);
        String[] format = {"format", "-t", clusterId, "-c", config, "--ignore-formatted"};
        Object status;
        try {
            status = execute.invoke(null, format, System.out);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
        if (status instanceof Integer && (Integer) status != 0) {
            System.err.println("sim2word-stack: formatting the Kafka storage failed with status " + status);
            System.exit(1);
        }
    }
}

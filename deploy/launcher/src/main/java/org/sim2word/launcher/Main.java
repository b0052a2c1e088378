package org.sim2word.launcher;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar deploy/launcher/target/sim2word-launcher.jar up|demo [--pairs N] [--exit]}
 *
 * <ul>
 *   <li>{@code up}: starts the local stack and keeps it running until Ctrl-C.</li>
 *   <li>{@code demo}: starts it, runs the main job (one pair, then an evaluation of N same-person and N
 *       different-person pairs of real faces), prints the words and the AUCs, and keeps running until Ctrl-C
 *       ({@code --exit}: stops right after).</li>
 * </ul>
 * The services keep their data under {@code $SIM2WORD_HOME/stack}, so a restart finds every job again.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        List<String> a = List.of(args);
        if (a.isEmpty() || !(a.get(0).equals("up") || a.get(0).equals("demo"))) {
            System.err.println("usage: sim2word-launcher up|demo [--pairs N] [--exit]");
            System.exit(2);
        }
        boolean demo = a.get(0).equals("demo");
        int pairs = a.contains("--pairs") ? Integer.parseInt(a.get(a.indexOf("--pairs") + 1)) : 10;
        boolean exit = a.contains("--exit");

        LauncherSettings settings = LauncherSettings.fromEnvironment();
        LocalStack stack;
        try {
            stack = LocalStack.start(settings, settings.home().resolve("stack"));
        } catch (RuntimeException e) {
            System.err.println();
            System.err.println("The local stack could not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println();
            System.out.println("Stopping the local stack…");
            stack.close();
            stopped.countDown();
        }, "stop-local-stack"));

        System.out.println();
        System.out.println("Sim2Word is running on 127.0.0.1:");
        System.out.println("  gateway     " + stack.gatewayUrl() + "   (docs/api.md)");
        System.out.println("  aggregator  " + stack.aggregatorUrl());
        System.out.println("  data        " + settings.home() + "   (delete it to start afresh)");
        System.out.println("  logs        " + settings.logs());
        int status = 0;
        if (demo) {
            try {
                new Demo(new GatewayClient(stack.gatewayUrl()), new AggregatorClient(stack.aggregatorUrl()),
                        System.out, Duration.ofMinutes(30))
                        .run(settings.faces(), pairs, pairs, stack.services().dataDirectory().resolve("s3")
                                .resolve(stack.services().asProperties().get("sim2word.s3.bucket")));
            } catch (RuntimeException e) {
                System.err.println("The demo failed: " + e.getMessage());
                status = 1;
            }
        }
        if (exit || status != 0) {
            System.exit(status);
        }
        System.out.println();
        System.out.println("Press Ctrl-C to stop everything.");
        stopped.await();
    }
}

package org.sim2word.launcher;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

/**
 * {@code java -jar deploy/launcher/target/sim2word-launcher.jar up|demo [--pairs N] [--exit]}
 *
 * <ul>
 *   <li>{@code up}: starts the local stack and keeps it running until Ctrl-C.</li>
 *   <li>{@code demo}: starts it, runs the main job (one pair, then an evaluation of N same-person and N
 *       different-person pairs of real faces), prints the words and the AUCs, and keeps running until Ctrl-C
 *       ({@code --exit}: stops right after).</li>
 * </ul>
 * The services keep their data under {@code $SIM2WORD_HOME/stack}, so a restart finds every job again. Exit status 2
 * means the command line was wrong.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        LauncherArguments arguments = parse(List.of(args));
        if (arguments.help()) {
            System.out.println(LauncherArguments.USAGE);
            return;
        }
        LauncherSettings settings = LauncherSettings.fromEnvironment();
        if (arguments.demo() && Files.isDirectory(settings.faces())) {
            try {
                JohnsPairs.of(settings.faces(), arguments.pairs(), arguments.pairs());
            } catch (IllegalArgumentException e) {
                usageError("--pairs " + arguments.pairs() + ": " + e.getMessage());
            }
        }
        LocalStack stack;
        try {
            stack = LocalStack.start(settings, settings.home().resolve("stack"));
        } catch (RuntimeException e) {
            System.err.println();
            System.err.println("The local stack could not start: " + e.getMessage());
            System.exit(1);
            return;
        }

        System.out.println();
        System.out.println("Sim2Word is running on 127.0.0.1:");
        System.out.println(stack.addresses());
        System.out.println("  data        " + settings.home() + "   (delete it to start afresh)");
        System.out.println("  logs        " + settings.logs());
        int status = 0;
        if (arguments.demo()) {
            try {
                new Demo(new GatewayClient(stack.gatewayUrl()), new AggregatorClient(stack.aggregatorUrl()),
                        System.out, Duration.ofMinutes(30))
                        .run(settings.faces(), arguments.pairs(), arguments.pairs(), stack.services()
                                .dataDirectory().resolve("s3").resolve(stack.services().s3().bucket()));
            } catch (RuntimeException e) {
                System.err.println("The demo failed: " + e.getMessage());
                status = 1;
            }
        }
        if (arguments.exit() || status != 0) {
            System.exit(status); // the stack's shutdown hook stops everything
        }
        System.out.println();
        System.out.println("Press Ctrl-C to stop everything.");
        Thread.sleep(Long.MAX_VALUE); // until Ctrl-C or SIGTERM: the stack's shutdown hook stops everything
    }

    private static LauncherArguments parse(List<String> args) {
        try {
            return LauncherArguments.parse(args);
        } catch (LauncherArguments.UsageException e) {
            usageError(e.getMessage());
            return null;
        }
    }

    private static void usageError(String problem) {
        System.err.println("sim2word-launcher: " + problem);
        System.err.println(LauncherArguments.USAGE);
        System.exit(2);
    }
}

package org.sim2word.launcher;

import java.util.List;

/**
 * The launcher's command line, checked: {@code up}, {@code demo [--pairs N] [--exit]}, or {@code --help}.
 *
 * @param demo  whether to run the demo once the stack is up
 * @param pairs the demo's same-person pairs, and as many different-person pairs
 * @param exit  whether to stop right after the demo
 * @param help  whether only the usage was asked for
 */
public record LauncherArguments(boolean demo, int pairs, boolean exit, boolean help) {
    public static final String USAGE = String.join(System.lineSeparator(),
            "usage: sim2word-launcher up | demo [--pairs N] [--exit] | --help",
            "  up           start the local stack and keep it running until Ctrl-C",
            "  demo         start it and run the main job: explain one pair, then evaluate N same-person and",
            "               N different-person pairs of real faces; it keeps running until Ctrl-C",
            "  --pairs N    the demo's N, 1 or more (default 10)",
            "  --exit       stop right after the demo",
            "  --help       print this");
    static final int DEFAULT_PAIRS = 10;

    /** A command line that cannot be run; the message says why. */
    public static final class UsageException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    public static LauncherArguments parse(List<String> args) {
        if (args.contains("--help") || args.contains("-h")) {
            return new LauncherArguments(false, DEFAULT_PAIRS, false, true);
        }
        if (args.isEmpty()) {
            throw new UsageException("say up or demo");
        }
        String command = args.get(0);
        if (!command.equals("up") && !command.equals("demo")) {
            throw new UsageException("unknown command '" + command + "': say up or demo");
        }
        boolean demo = command.equals("demo");
        int pairs = DEFAULT_PAIRS;
        boolean exit = false;
        for (int i = 1; i < args.size(); i++) {
            String option = args.get(i);
            if (!demo) {
                throw new UsageException("up takes no options, not '" + option + "'");
            }
            switch (option) {
                case "--exit" -> exit = true;
                case "--pairs" -> pairs = pairs(i + 1 < args.size() ? args.get(++i) : null);
                default -> throw new UsageException("unknown option '" + option + "'");
            }
        }
        return new LauncherArguments(demo, pairs, exit, false);
    }

    private static int pairs(String value) {
        if (value == null) {
            throw new UsageException("--pairs needs a number");
        }
        try {
            int pairs = Integer.parseInt(value);
            if (pairs >= 1) {
                return pairs;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new UsageException("--pairs needs a whole number of 1 or more, not '" + value + "'");
    }
}

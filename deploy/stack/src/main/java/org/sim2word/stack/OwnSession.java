package org.sim2word.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a child in a session of its own ({@code setsid}, which execs, so the process id stays the child's). Ctrl-C in
 * a terminal sends SIGINT to the whole foreground process group; in their own sessions, the children do not get it,
 * and the JVM that started them stops them in its own order. They still die with it through their lifelines.
 */
public final class OwnSession {
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private OwnSession() {
    }

    /** {@code command} run through {@code setsid}, or as it is where there is no {@code setsid}. */
    public static List<String> command(List<String> command) {
        if (!Files.isExecutable(SETSID)) {
            return command;
        }
        List<String> own = new ArrayList<>();
        own.add(SETSID.toString());
        own.addAll(command);
        return own;
    }
}

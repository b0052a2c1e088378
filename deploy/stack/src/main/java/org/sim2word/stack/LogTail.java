package org.sim2word.stack;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The last lines of a log file, for failure messages. */
final class LogTail {
    static final int LINES = 25;
    private static final int MAX_BYTES = 64 * 1024;

    private LogTail() {
    }

    static List<String> last(Path log, int lines) {
        if (log == null || !Files.isRegularFile(log)) {
            return List.of();
        }
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long length = file.length();
            int size = (int) Math.min(length, MAX_BYTES);
            byte[] bytes = new byte[size];
            file.seek(length - size);
            file.readFully(bytes);
            String[] all = new String(bytes, StandardCharsets.UTF_8).split("\r?\n");
            return Arrays.asList(all).subList(Math.max(0, all.length - lines), all.length);
        } catch (IOException e) {
            return List.of("(could not read " + log + ": " + e + ")");
        }
    }

    /** "\nlast lines of /x/logs/kafka.log:\n  ..." or an empty string when there is no log. */
    static String describe(Path log) {
        List<String> lines = last(log, LINES);
        if (log == null) {
            return "";
        }
        if (lines.isEmpty()) {
            return "\n(" + log + " is empty or missing)";
        }
        return "\nlast lines of " + log + ":\n  " + String.join("\n  ", lines);
    }
}

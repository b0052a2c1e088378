package org.sim2word.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Loopback ports: picking free ones, refusing taken ones with a clear message, waiting for a listener. */
public final class Ports {
    /** Every service listens here and nowhere else. */
    static final String HOST = "127.0.0.1";

    private Ports() {
    }

    static InetAddress loopback() {
        try {
            return InetAddress.getByName(HOST);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code count} distinct free ports, all held open together while they are picked. */
    public static int[] free(int count) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, loopback());
                held.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("could not find a free port on " + HOST, e);
        } finally {
            for (ServerSocket socket : held) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // nothing listens on it anyway
                }
            }
        }
    }

    /** {@code port} when it is one (0 included: it means any free port). */
    static int check(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("not a port: " + port);
        }
        return port;
    }

    /** {@code port}, or a free one when it is 0. */
    static int orFree(int port) {
        return port == 0 ? free(1)[0] : port;
    }

    /**
     * Throws {@link PortTakenException} when something already listens on {@code port}; its message names the
     * process holding the port when it can, and {@code setting}, which gives {@code service} another port.
     */
    public static void requireFree(int port, String service, String setting) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true); // as the servers themselves do: a socket in TIME_WAIT does not count
            probe.bind(new InetSocketAddress(loopback(), port), 1);
        } catch (IOException e) {
            throw new PortTakenException(service, port, setting, holderOf(port));
        }
    }

    static boolean isListening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(loopback(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Best effort, Linux only: "pid 1234 (java ... kafka.Kafka ...)" for the process listening on {@code port}, found
     * through /proc/net/tcp and the processes' socket descriptors. Empty when it cannot be told.
     */
    public static Optional<String> holderOf(int port) {
        try {
            String inode = listeningInode(port);
            if (inode == null) {
                return Optional.empty();
            }
            String link = "socket:[" + inode + "]";
            try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
                for (Path proc : procs) {
                    try (DirectoryStream<Path> fds = Files.newDirectoryStream(proc.resolve("fd"))) {
                        for (Path fd : fds) {
                            if (link.equals(readLink(fd))) {
                                long pid = Long.parseLong(proc.getFileName().toString());
                                String command = ProcessHandle.of(pid)
                                        .flatMap(p -> p.info().commandLine())
                                        .map(c -> c.length() > 160 ? c.substring(0, 160) + "..." : c)
                                        .orElse("?");
                                return Optional.of("pid " + pid + " (" + command + ")");
                            }
                        }
                    } catch (IOException | SecurityException ignored) {
                        // a process we may not look into, or one that just ended
                    }
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // not Linux, or /proc is not readable: the message goes without the holder
        }
        return Optional.empty();
    }

    private static String listeningInode(int port) throws IOException {
        String hexPort = String.format(Locale.ROOT, ":%04X", port);
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path path = Path.of(table);
            if (!Files.isReadable(path)) {
                continue;
            }
            for (String line : Files.readAllLines(path)) {
                String[] f = line.trim().split("\\s+");
                // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
                if (f.length > 9 && f[1].endsWith(hexPort) && f[3].equals("0A")) {
                    return f[9];
                }
            }
        }
        return null;
    }

    private static String readLink(Path fd) {
        try {
            return Files.readSymbolicLink(fd).toString();
        } catch (IOException | UnsupportedOperationException e) {
            return "";
        }
    }
}

package org.sim2word.stack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The folder a stack keeps everything in:
 * <pre>
 *   postgres/   PGDATA            kafka/   the broker's log.dirs        s3/   the buckets, as plain files
 *   logs/       postgres.log, kafka.log, s3proxy.log (appended on every start)
 *   run/        generated configs, lock files, the child launcher's class
 * </pre>
 * A persistent one is kept; a temporary one is deleted when its owner closes.
 */
final class StackDirectory {
    static final String TEMPORARY_PREFIX = "sim2word-stack-";
    /** A temporary folder nobody holds a lock on is a leftover once it is this old. */
    static final Duration LEFTOVER_AGE = Duration.ofMinutes(10);

    private final Path root;
    private final boolean temporary;

    private StackDirectory(Path root, boolean temporary) {
        this.root = root;
        this.temporary = temporary;
    }

    static StackDirectory persistent(Path root) {
        Path absolute = root.toAbsolutePath().normalize();
        createDirectories(absolute);
        return new StackDirectory(absolute, false);
    }

    static StackDirectory temporary() {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        sweepLeftovers(tmp, LEFTOVER_AGE);
        try {
            return new StackDirectory(Files.createTempDirectory(tmp, TEMPORARY_PREFIX).toAbsolutePath(), true);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a temporary directory", e);
        }
    }

    /**
     * Deletes the temporary folders of stacks whose JVM was killed (no shutdown hook ran) or whose start failed (the
     * folder is kept for its logs): those with the prefix, older than {@code minAge}, and whose lock files nobody
     * holds. A PostgreSQL still running in one is stopped first. Best effort: a folder that cannot be checked stays.
     */
    static void sweepLeftovers(Path tmp, Duration minAge) {
        try (DirectoryStream<Path> candidates = Files.newDirectoryStream(tmp, TEMPORARY_PREFIX + "*")) {
            for (Path candidate : candidates) {
                try {
                    if (Files.isDirectory(candidate, LinkOption.NOFOLLOW_LINKS)
                            && Files.getLastModifiedTime(candidate).toInstant().isBefore(Instant.now().minus(minAge))
                            && !inUse(candidate)) {
                        PostgresServer.stopLeftoverServer(candidate.resolve("postgres"));
                        deleteRecursively(candidate);
                    }
                } catch (IOException | RuntimeException ignored) {
                    // someone else's folder, or one that went away meanwhile
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // no temporary folder to look in
        }
    }

    /** Whether any process (this one included) holds one of the folder's lock files. */
    private static boolean inUse(Path root) throws IOException {
        Path run = root.resolve("run");
        if (!Files.isDirectory(run)) {
            return false;
        }
        synchronized (System.getProperties()) {
            try (DirectoryStream<Path> locks = Files.newDirectoryStream(run, "*.lock")) {
                for (Path file : locks) {
                    if (HeldLocks.contains(file.toAbsolutePath())) {
                        return true; // never open it: closing that descriptor would drop this JVM's lock
                    }
                    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                        FileLock lock = channel.tryLock();
                        if (lock == null) {
                            return true;
                        }
                        lock.release();
                    } catch (OverlappingFileLockException e) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** A folder someone else created and owns. */
    static StackDirectory existing(Path root, boolean temporary) {
        return new StackDirectory(root, temporary);
    }

    Path root() {
        return root;
    }

    boolean isTemporary() {
        return temporary;
    }

    /** A sub-folder, created if missing. */
    Path folder(String name) {
        return createDirectories(root.resolve(name));
    }

    Path log(String fileName) {
        return folder("logs").resolve(fileName);
    }

    Path run() {
        return folder("run");
    }

    /**
     * Holds {@code run/<service>.lock} until closed, so two stacks never share one service's data. The lock dies
     * with the process that holds it.
     *
     * <p>Linux file locks belong to the process, and closing ANY descriptor of a locked file drops them. So a lock file
     * this JVM holds is never opened a second time: the JVM's held lock files are listed in the system property
     * {@value #HELD_LOCKS} (a string, so that every class loader's copy of this class sees the same list).
     */
    AutoCloseable lock(String service, String serviceName) {
        Path file = run().resolve(service + ".lock").toAbsolutePath();
        synchronized (System.getProperties()) {
            if (HeldLocks.contains(file)) {
                throw inUse(serviceName, Long.toString(ProcessHandle.current().pid()) + ", this JVM");
            }
            FileChannel channel = null;
            try {
                channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.READ);
                FileLock lock = channel.tryLock();
                if (lock == null) {
                    ByteBuffer holder = ByteBuffer.allocate(32);
                    channel.read(holder, 0);
                    channel.close(); // harmless: the lock is another process's
                    throw inUse(serviceName, new String(holder.array(), 0, holder.position(), StandardCharsets.UTF_8)
                            .trim());
                }
                channel.truncate(0);
                channel.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid())
                        .getBytes(StandardCharsets.UTF_8)), 0);
                HeldLocks.add(file);
                FileChannel held = channel;
                return () -> {
                    synchronized (System.getProperties()) {
                        try {
                            lock.release();
                            held.close();
                        } finally {
                            HeldLocks.remove(file);
                        }
                    }
                };
            } catch (IOException e) {
                if (channel != null) {
                    try {
                        channel.close();
                    } catch (IOException ignored) {
                        // already failing
                    }
                }
                throw new UncheckedIOException("could not lock " + file, e);
            }
        }
    }

    private ServiceStartException inUse(String serviceName, String holder) {
        return new ServiceStartException(serviceName, "its data in " + root + " is in use by another running stack"
                + (holder.isEmpty() ? "" : " (pid " + holder + ")")
                + ". Stop that one first, or use another data directory.", null, null);
    }

    static final String HELD_LOCKS = "sim2word.stack.held-locks";

    /** The lock files this JVM holds, in the system property {@value #HELD_LOCKS}; callers synchronise on it. */
    private static final class HeldLocks {
        static boolean contains(Path file) {
            return List.of(System.getProperty(HELD_LOCKS, "").split(File.pathSeparator)).contains(file.toString());
        }

        static void add(Path file) {
            String held = System.getProperty(HELD_LOCKS, "");
            System.setProperty(HELD_LOCKS, held.isEmpty() ? file.toString() : held + File.pathSeparator + file);
        }

        static void remove(Path file) {
            List<String> kept = new ArrayList<>();
            for (String entry : System.getProperty(HELD_LOCKS, "").split(File.pathSeparator)) {
                if (!entry.isEmpty() && !entry.equals(file.toString())) { // a loop, not a lambda: see DELETER
                    kept.add(entry);
                }
            }
            System.setProperty(HELD_LOCKS, String.join(File.pathSeparator, kept));
        }
    }

    /** Deletes the whole folder when it is temporary; keeps a persistent one. */
    void deleteIfTemporary() {
        if (temporary) {
            deleteRecursively(root);
        }
    }

    static void deleteRecursively(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try {
            Files.walkFileTree(path, DELETER);
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + path, e);
        }
    }

    /**
     * Created with the class, not on first use: a shutdown hook may delete a folder after the class loader that
     * defined this class was closed (Quarkus closes a test profile's), when no new class could be loaded.
     */
    private static final SimpleFileVisitor<Path> DELETER = new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
            Files.deleteIfExists(file);
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
            if (e instanceof NoSuchFileException) {
                return FileVisitResult.CONTINUE;
            }
            throw e;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
            Files.deleteIfExists(dir);
            return FileVisitResult.CONTINUE;
        }
    };

    private static Path createDirectories(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create " + dir, e);
        }
    }

    @Override
    public String toString() {
        return root + (temporary ? " (temporary)" : "");
    }
}

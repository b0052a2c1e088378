package org.sim2word.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

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
        try {
            return new StackDirectory(Files.createTempDirectory("sim2word-stack-").toAbsolutePath(), true);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a temporary directory", e);
        }
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
     */
    AutoCloseable lock(String service, String serviceName) {
        Path file = run().resolve(service + ".lock");
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // held by this very JVM
            }
            if (lock == null) {
                String holder = Files.readString(file, StandardCharsets.UTF_8).trim();
                channel.close();
                throw new ServiceStartException(serviceName, "its data in " + root + " is in use by another running stack"
                        + (holder.isEmpty() ? "" : " (pid " + holder + ")")
                        + ". Stop that one first, or use another data directory.", null, null);
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)));
            FileChannel held = channel;
            FileLock heldLock = lock;
            return () -> {
                heldLock.release();
                held.close();
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

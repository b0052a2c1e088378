package org.sim2word.worker;

import java.nio.file.Files;
import java.nio.file.Path;
import org.sim2word.worker.model.ModelRegistry;

/**
 * The data home the build passes to tests ({@code sim2word.home}): real models under models/, real faces under
 * faces/. Tests need them; the README's test command installs them first.
 */
public final class TestHome {
    private static ModelRegistry registry;

    private TestHome() {
    }

    public static Path path() {
        Path home = Path.of(System.getProperty("sim2word.home", ".sim2word")).toAbsolutePath().normalize();
        if (!Files.isDirectory(home.resolve("models")) || !Files.isDirectory(home.resolve("faces/johns"))) {
            throw new IllegalStateException("models and faces are missing under " + home + ": run "
                    + "deploy/models/install.sh and deploy/faces/fetch-johns.sh (the README's test command does)");
        }
        return home;
    }

    public static Path johns() {
        return path().resolve("faces/johns");
    }

    /** One registry per test JVM: loading models is the slow part of these tests. */
    public static synchronized ModelRegistry registry() {
        if (registry == null) {
            registry = ModelRegistry.scan(path().resolve("models"), ai.djl.Device.cpu());
            Runtime.getRuntime().addShutdownHook(new Thread(registry::close));
        }
        return registry;
    }
}

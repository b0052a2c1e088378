package org.sim2word.stack.quarkus;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import org.sim2word.stack.LocalServices;

/**
 * Real Kafka, PostgreSQL (migrated) and S3 for {@code @QuarkusTest}s:
 * <pre>
 * &#64;QuarkusTest
 * &#64;QuarkusTestResource(value = LocalServicesTestResource.class, restrictToAnnotatedClass = false)
 * class JobsResourceTest { ... }
 * </pre>
 * It hands Quarkus {@link LocalServices#asProperties()} of {@link LocalServices#shared()}: the services start once per
 * test JVM and stop when it exits, so {@link #stop()} leaves them running for the next test class.
 */
public class LocalServicesTestResource implements QuarkusTestResourceLifecycleManager {
    @Override
    public Map<String, String> start() {
        return LocalServices.shared().asProperties();
    }

    @Override
    public void stop() {
        // shared by every test class of this JVM; a shutdown hook stops them
    }
}

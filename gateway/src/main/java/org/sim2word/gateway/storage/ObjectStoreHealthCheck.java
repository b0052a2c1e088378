package org.sim2word.gateway.storage;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Without S3 no face can be stored, so the gateway is not ready to take jobs. */
@Readiness
@ApplicationScoped
public class ObjectStoreHealthCheck implements HealthCheck {
    private final ObjectStore store;

    public ObjectStoreHealthCheck(ObjectStore store) {
        this.store = store;
    }

    @Override
    public HealthCheckResponse call() {
        try {
            store.ping();
            return HealthCheckResponse.named("object store").up().withData("bucket", store.bucket()).build();
        } catch (ObjectStoreException e) {
            return HealthCheckResponse.named("object store").down().withData("reason", e.getMessage()).build();
        }
    }
}

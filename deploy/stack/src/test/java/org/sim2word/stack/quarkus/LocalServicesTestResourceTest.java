package org.sim2word.stack.quarkus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.sim2word.stack.LocalServices;

class LocalServicesTestResourceTest {
    @Test
    void it_hands_quarkus_the_shared_services_and_leaves_them_running() {
        LocalServicesTestResource resource = new LocalServicesTestResource();
        assertEquals(LocalServices.shared().asProperties(), resource.start());
        resource.stop();
        assertEquals(true, LocalServices.shared().kafka().isAlive());
    }
}

package org.sim2word.worker;

import java.util.HashMap;
import java.util.Map;
import org.sim2word.stack.LocalServices;

/**
 * One worker per test JVM, in this JVM, wired to the shared real services (Kafka, S3Proxy, PostgreSQL) and the real
 * models and faces of the test home.
 */
public final class RunningWorker {
    private static Worker worker;

    private RunningWorker() {
    }

    public static synchronized LocalServices services() {
        LocalServices services = LocalServices.shared();
        if (worker == null) {
            worker = Worker.start(WorkerConfig.fromEnvironment().with(settings(services)));
            Runtime.getRuntime().addShutdownHook(new Thread(worker::close));
        }
        return services;
    }

    /** The worker's settings for these services: what the launcher passes to a worker process too. */
    public static Map<String, String> settings(LocalServices services) {
        Map<String, String> p = services.asProperties();
        Map<String, String> s = new HashMap<>();
        s.put("sim2word.home", TestHome.path().toString());
        s.put("kafka.bootstrap.servers", p.get(LocalServices.KAFKA_BOOTSTRAP_SERVERS));
        s.put("sim2word.db.url", p.get(LocalServices.JDBC_URL));
        s.put("sim2word.db.user", p.get(LocalServices.JDBC_USER));
        s.put("sim2word.db.password", p.get(LocalServices.JDBC_PASSWORD));
        s.put("sim2word.s3.endpoint", p.get(LocalServices.S3_ENDPOINT));
        s.put("sim2word.s3.access-key", p.get(LocalServices.S3_ACCESS_KEY));
        s.put("sim2word.s3.secret-key", p.get(LocalServices.S3_SECRET_KEY));
        s.put("sim2word.s3.bucket", p.get(LocalServices.S3_BUCKET));
        s.put("sim2word.worker.http-port", "0");
        s.put("sim2word.worker.retry-for", "PT5S");
        return s;
    }
}

package org.sim2word.stack;

import java.nio.file.Path;

/**
 * Starts a stack on the folder in args[0] (only PostgreSQL when args[1] is "postgres"), prints the services' process
 * ids, and waits to be killed.
 */
public final class StackInAnotherJvm {
    static final String PIDS = "PIDS";

    private StackInAnotherJvm() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path dir = Path.of(args[0]);
        if (args.length > 1 && args[1].equals("postgres")) {
            PostgresServer postgres = PostgresServer.builder().optDirectory(dir).start();
            System.out.println(PIDS + " " + postgres.pid());
        } else {
            LocalServices services = LocalServices.builder().optDataDirectory(dir).start();
            System.out.println(PIDS + " " + services.kafka().pid() + " " + services.s3().pid() + " "
                    + services.postgres().pid());
        }
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}

package org.sim2word.stack;

import java.nio.file.Path;

/**
 * Starts a stack on the folder in args[0], prints the services' process ids, and waits to be killed. args[1]:
 * "postgres" starts only PostgreSQL; "own-hook" turns the services' hooks off and stops them in a hook of its own,
 * which first prints whether all three still run.
 */
public final class StackInAnotherJvm {
    static final String PIDS = "PIDS";
    static final String ALIVE_IN_OWN_HOOK = "ALIVE-IN-OWN-HOOK";

    private StackInAnotherJvm() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path dir = Path.of(args[0]);
        String mode = args.length > 1 ? args[1] : "";
        if (mode.equals("postgres")) {
            PostgresServer postgres = PostgresServer.builder().optDirectory(dir).start();
            System.out.println(PIDS + " " + postgres.pid());
        } else {
            boolean ownHook = mode.equals("own-hook");
            LocalServices services = LocalServices.builder().optDataDirectory(dir).optShutdownHook(!ownHook).start();
            if (ownHook) {
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    JavaChild.sleep(1_000); // long enough for any other hook to have stopped a service
                    System.out.println(ALIVE_IN_OWN_HOOK + " " + (services.kafka().isAlive()
                            && services.s3().isAlive() && services.postgres().isAlive()));
                    System.out.flush();
                    services.close();
                }));
            }
            System.out.println(PIDS + " " + services.kafka().pid() + " " + services.s3().pid() + " "
                    + services.postgres().pid());
        }
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}

package org.sim2word.stack;

import java.nio.file.Path;

/** Starts a stack on the folder in args[0], prints the services' process ids, and waits to be killed. */
public final class StackInAnotherJvm {
    static final String PIDS = "PIDS";

    private StackInAnotherJvm() {
    }

    public static void main(String[] args) throws InterruptedException {
        LocalServices services = LocalServices.builder().optDataDirectory(Path.of(args[0])).start();
        System.out.println(PIDS + " " + services.kafka().pid() + " " + services.s3().pid() + " "
                + services.postgres().pid());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}

package org.sim2word.migrations;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies the schema. Services never migrate at start-up: one migration step runs before them (the local stack,
 * a Kubernetes Job, a test fixture), so two starting services never race on the schema.
 */
public final class Migrations {
    private Migrations() {
    }

    /** Brings the database at {@code jdbcUrl} to the newest schema; returns how many migrations ran. */
    public static int migrate(String jdbcUrl, String user, String password) {
        MigrateResult result = Flyway.configure()
                .dataSource(jdbcUrl, user, password)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        return result.migrationsExecuted;
    }

    /** {@code java -cp ... org.sim2word.migrations.Migrations <jdbc-url> <user> <password>} */
    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("usage: Migrations <jdbc-url> <user> <password>");
            System.exit(2);
        }
        int applied = migrate(args[0], args[1], args[2]);
        System.out.println("schema is current; applied " + applied + " migration(s)");
    }
}

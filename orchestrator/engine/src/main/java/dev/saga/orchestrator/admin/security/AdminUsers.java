package dev.saga.orchestrator.admin.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The two people the admin API knows ({@code saga.admin.*}): a viewer who reads, an operator who also acts.
 * There is no built-in password: without both passwords the orchestrator does not start (the demo profile
 * sets, and prints, its own).
 *
 * @param viewer The login that reads: every GET of the admin API, the console and the metrics.
 * @param operator The login that also acts: starts, retries, compensations, resumes, migrations, replays.
 */
@ConfigurationProperties("saga.admin")
public record AdminUsers(Account viewer, Account operator) {

    /**
     * A login: user name and password.
     *
     * @param username The user name of the login.
     * @param password The password of the login; no default outside the demo profile.
     */
    public record Account(String username, String password) {
    }

    public AdminUsers {
        require(viewer, "viewer");
        require(operator, "operator");
    }

    private static void require(Account account, String role) {
        if (account == null || account.username() == null || account.username().isBlank()
                || account.password() == null || account.password().isBlank()) {
            throw new IllegalStateException("Set saga.admin." + role + ".username and saga.admin." + role
                    + ".password (environment SAGA_ADMIN_" + role.toUpperCase(java.util.Locale.ROOT)
                    + "_USERNAME / _PASSWORD); there is no default outside the demo profile");
        }
    }
}

package org.opencirt.identity.internal;

import java.security.SecureRandom;
import java.util.Base64;
import org.opencirt.audit.AuditChannel;
import org.opencirt.identity.NewUser;
import org.opencirt.identity.Role;
import org.opencirt.identity.UserService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Creates the first administrator on an empty installation, with the password from
 * {@code OPENCIRT_ADMIN_PASSWORD} or a random one that is printed exactly once.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class AdminBootstrap implements ApplicationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(AdminBootstrap.class);

    private final UserService users;
    private final String configuredPassword;

    public AdminBootstrap(UserService users, @Value("${opencirt.admin-password:}") String configuredPassword) {
        this.users = users;
        this.configuredPassword = configuredPassword;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (users.count() > 0) {
            return;
        }
        boolean generated = configuredPassword == null || configuredPassword.isBlank();
        String password = generated ? randomPassword() : configuredPassword;
        AuditChannel.callAs(AuditChannel.SYSTEM, () -> users.create(new NewUser("admin", "Administrator", null,
                Role.ADMIN, null, password, true, null)));
        if (generated) {
            LOG.warn("""

                    ================================================================
                      OpenCIRT first start: administrator account created
                        user:     admin
                        password: {}
                      This password is shown only once. Change it after logging in.
                    ================================================================""", password);
        } else {
            LOG.info("OpenCIRT first start: administrator 'admin' created with OPENCIRT_ADMIN_PASSWORD");
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[15];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}

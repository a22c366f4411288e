package dev.saga.orchestrator.admin.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.HeaderWriterFilter;

/**
 * Who may do what: anyone may ask for health and load the console page (it holds no data; its calls sign
 * in); a viewer may read everything; only an operator may change a saga or a parking queue. HTTP Basic, no
 * session, so every request carries its credentials. A browser keeps those credentials and sends them with a
 * form another site submits, so every state-changing request must also carry {@value RequestedByFilter#HEADER}
 * ({@link RequestedByFilter}), which such a form cannot set. Failed logins are throttled per user name and client
 * address ({@link LoginThrottle}), and a verified login is believed for a short while ({@link
 * CachingPasswordEncoder}) so that polling does not hash the password on every call.
 */
@Configuration(proxyBeanMethods = false)
@Import(RequestedByHeaderDocs.class)
@EnableConfigurationProperties({AdminUsers.class, LoginThrottleSettings.class, CredentialCacheSettings.class})
public class AdminSecurity {

    static final String VIEWER = "VIEWER";
    static final String OPERATOR = "OPERATOR";
    private static final Logger LOG = LoggerFactory.getLogger(AdminSecurity.class);

    @Bean
    SecurityFilterChain adminFilterChain(HttpSecurity http, ObjectMapper json, UserDetailsService users,
                                         PasswordEncoder adminPasswordEncoder, LoginThrottleSettings throttle,
                                         CredentialCacheSettings cache) throws Exception {
        SecurityProblems problems = new SecurityProblems(json);
        return http
                .authenticationManager(logins(users, adminPasswordEncoder, throttle, cache))
                .addFilterAfter(new RequestedByFilter(problems), HeaderWriterFilter.class)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health/**", "/actuator/info", "/console/**").permitAll()
                        .requestMatchers(HttpMethod.GET, "/**").hasAnyRole(VIEWER, OPERATOR)
                        .anyRequest().hasRole(OPERATOR))
                .httpBasic(basic -> basic.realmName(SecurityProblems.REALM).authenticationEntryPoint(problems))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                // The header check above does what a CSRF token would, without a session to keep one in.
                .csrf(csrf -> csrf.disable())
                .logout(logout -> logout.disable())
                .requestCache(requestCache -> requestCache.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }

    /** The password hashes: bcrypt, behind the {@code {id}} prefix so that stored hashes can move on. */
    @Bean
    PasswordEncoder adminPasswordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /** The viewer and operator of {@code saga.admin.*}; an application's own user store replaces them. */
    @Bean
    @ConditionalOnMissingBean(UserDetailsService.class)
    UserDetailsService adminUsers(AdminUsers users, PasswordEncoder adminPasswordEncoder,
                                  @Value("${saga.admin.print-credentials:false}") boolean print) {
        if (print) {
            LOG.info("Admin credentials: viewer {} / {}, operator {} / {}", users.viewer().username(),
                    users.viewer().password(), users.operator().username(), users.operator().password());
        }
        return new InMemoryUserDetailsManager(
                User.withUsername(users.viewer().username())
                        .password(adminPasswordEncoder.encode(users.viewer().password())).roles(VIEWER).build(),
                User.withUsername(users.operator().username())
                        .password(adminPasswordEncoder.encode(users.operator().password())).roles(OPERATOR).build());
    }

    private static AuthenticationManager logins(UserDetailsService users, PasswordEncoder hashes,
                                                LoginThrottleSettings throttle, CredentialCacheSettings cache) {
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(users);
        passwords.setPasswordEncoder(cache.enabled()
                ? new CachingPasswordEncoder(hashes, cache.ttl(), Clock.systemUTC()) : hashes);
        return new ThrottledAuthenticationManager(new LoginThrottle(throttle, Clock.systemUTC()),
                new ProviderManager(passwords));
    }
}

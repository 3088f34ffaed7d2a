package dev.shuqiao.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.util.ClassUtils;

/**
 * An application with Spring Security (HTTP Basic): the actor is the authentication of the security
 * context, the anonymous one is nobody; the identity comes from a PKCS#12 file.
 */
@SpringBootTest(classes = {BirthRegistryApp.class, StarterWithSpringSecurityIT.Security.class},
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StarterWithSpringSecurityIT extends StarterContract {

  static final String USER = "wang.li";
  static final String PASSWORD = "test-only-password";

  @org.springframework.test.context.DynamicPropertySource
  static void shuqiao(org.springframework.test.context.DynamicPropertyRegistry registry) {
    cityProperties(registry, true);
  }

  @Configuration(proxyBeanMethods = false)
  static class Security {
    @Bean
    SecurityFilterChain web(HttpSecurity http) throws Exception {
      // The exchange endpoint authenticates by the hub's ticket: permitted, and no CSRF token.
      RequestMatcher exchange = request -> "/shuqiao/exchange".equals(request.getRequestURI());
      RequestMatcher open = request -> request.getRequestURI().startsWith("/api/public/")
          || request.getRequestURI().startsWith("/actuator/health");
      http.authorizeHttpRequests(a -> a.requestMatchers(exchange, open).permitAll().anyRequest().authenticated())
          .httpBasic(Customizer.withDefaults())
          .csrf(csrf -> csrf.ignoringRequestMatchers(exchange));
      return http.build();
    }

    @Bean
    UserDetailsService users() {
      return new InMemoryUserDetailsManager(User.withUsername(USER).password("{noop}" + PASSWORD)
          .roles("REGISTRAR").build());
    }
  }

  @Override
  HttpRequest.Builder asUser(HttpRequest.Builder request) {
    return request.header("Authorization", "Basic " + Base64.getEncoder()
        .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
  }

  @Override
  String operator() {
    return USER;
  }

  @Override
  String pathOpenToNobody() {
    return "/api/public/births/" + StarterCity.CERTIFICATE_NUMBER;
  }

  @Test
  void springSecurity_isOnTheClassPath() {
    assertThat(ClassUtils.isPresent(ShuqiaoAuditFilterAutoConfiguration.SPRING_SECURITY, null)).isTrue();
  }
}

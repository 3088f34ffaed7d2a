package dev.shuqiao.spring;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.net.http.HttpRequest;
import java.security.Principal;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.ClassUtils;

/**
 * An application without Spring Security (failsafe removes its jars for this class): the actor is the
 * user the container authenticated ({@code getRemoteUser()}); the identity comes from PEM files.
 */
@SpringBootTest(classes = {BirthRegistryApp.class, StarterWithoutSpringSecurityIT.ContainerLogin.class},
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StarterWithoutSpringSecurityIT extends StarterContract {

  static final String USER_HEADER = "X-Test-Authenticated-User";

  @DynamicPropertySource
  static void shuqiao(DynamicPropertyRegistry registry) {
    cityProperties(registry, false);
  }

  /**
   * Stands in for the container's login (an SSO agent, a JAAS realm): downstream, the request has an
   * authenticated remote user. Test only: a real application never trusts such a header.
   */
  @Configuration(proxyBeanMethods = false)
  static class ContainerLogin {
    @Bean
    FilterRegistrationBean<Filter> containerLogin() {
      FilterRegistrationBean<Filter> login = new FilterRegistrationBean<>((request, response, chain) -> {
        String user = ((HttpServletRequest) request).getHeader(USER_HEADER);
        chain.doFilter(user == null ? request : new HttpServletRequestWrapper((HttpServletRequest) request) {
          @Override
          public String getRemoteUser() {
            return user;
          }

          @Override
          public Principal getUserPrincipal() {
            return () -> user;
          }
        }, response);
      });
      login.setOrder(-50);
      return login;
    }
  }

  @Override
  HttpRequest.Builder asUser(HttpRequest.Builder request) {
    return request.header(USER_HEADER, operator());
  }

  @Override
  String operator() {
    return "liu.fang";
  }

  @Override
  String pathOpenToNobody() {
    return "/api/births/" + StarterCity.CERTIFICATE_NUMBER;
  }

  @Test
  void springSecurity_isNotOnTheClassPath() {
    assertThat(ClassUtils.isPresent(ShuqiaoAuditFilterAutoConfiguration.SPRING_SECURITY, null)).isFalse();
  }
}

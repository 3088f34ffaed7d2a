package dev.shuqiao.spring;

import dev.shuqiao.audit.Actor;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** The actor from Spring Security's context; loaded only when Spring Security is on the class path. */
final class SpringSecurityActors {

  private static final AuthenticationTrustResolver TRUST = new AuthenticationTrustResolverImpl();

  private SpringSecurityActors() {}

  /** The authenticated user as operator of the department's system; empty for nobody or the anonymous user. */
  static Function<HttpServletRequest, Optional<Actor>> resolver(String department, String system) {
    Actor.of(department, system); // validates both at start-up rather than on the first request
    return request -> {
      Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
      if (authentication == null || !authentication.isAuthenticated() || TRUST.isAnonymous(authentication)) {
        return Optional.empty();
      }
      String name = authentication.getName();
      return name == null || name.isBlank() ? Optional.empty() : Optional.of(Actor.of(department, system, name.strip()));
    };
  }
}

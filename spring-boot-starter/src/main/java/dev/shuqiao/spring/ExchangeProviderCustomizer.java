package dev.shuqiao.spring;

import dev.shuqiao.provider.ExchangeProvider;

/**
 * Adds the application's resource handlers (and anything else) to the {@link ExchangeProvider}
 * the starter builds from {@code shuqiao.*}; the starter serves the provider endpoint only when a
 * bean of this type exists.
 *
 * <pre>{@code
 * @Bean
 * ExchangeProviderCustomizer births(BirthRepository repository) {
 *   return provider -> provider.handler("1 01 003/000001", query -> repository.find(
 *       query.parameter("出生医学证明编号").orElseThrow(() -> new QueryRefusedException("出生医学证明编号 is required"))));
 * }
 * }</pre>
 */
@FunctionalInterface
public interface ExchangeProviderCustomizer {

  /** Called once, before the provider is built. */
  void customize(ExchangeProvider.Builder provider);
}

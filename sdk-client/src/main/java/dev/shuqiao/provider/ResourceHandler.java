package dev.shuqiao.provider;

import java.util.List;

/**
 * Answers queries for one catalog resource. Return the matching records, as objects of a
 * {@link DataResource} class (fields mapped by {@link Item}) or as {@code Map<String, ?>} keyed by
 * item name; return more than asked if convenient: the provider keeps only the ticket's items and
 * masks them per catalog. Values should be strings, numbers, booleans or null; anything else is
 * sent as its {@code toString()}.
 *
 * <pre>{@code
 * ResourceHandler births = query -> {
 *   String number = query.parameter("出生医学证明编号")
 *       .orElseThrow(() -> new QueryRefusedException("出生医学证明编号 is required"));
 *   return repository.findByNumber(number).map(List::of).orElse(List.of());
 * };
 * }</pre>
 *
 * <p>Called from several threads at once. Throw {@link QueryRefusedException} to refuse a query
 * (the consumer sees your text); any other exception is reported as {@code handler-failed} without
 * its message.
 */
@FunctionalInterface
public interface ResourceHandler {

  List<?> query(ExchangeQuery query);
}

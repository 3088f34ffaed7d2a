/**
 * Serving data through the exchange channel (docs/exchange.md): {@link dev.shuqiao.provider.ExchangeProvider}
 * verifies the hub's ticket and the consumer's envelope, runs one {@link dev.shuqiao.provider.ResourceHandler}
 * per resource, delivers only the ticket's items masked per catalog, sealed for the consumer, and audits it;
 * {@link dev.shuqiao.provider.ProviderServlet} (push mode) and {@link dev.shuqiao.provider.ProviderConnection}
 * (pull mode, for providers behind a firewall) carry the relay messages; the annotations
 * {@link dev.shuqiao.provider.DataResource}, {@link dev.shuqiao.provider.Item}, {@link dev.shuqiao.provider.Masked}
 * and {@link dev.shuqiao.provider.Encrypted} map a vendor's record classes to catalog items, at run time and for
 * the build-time compliance rules alike.
 */
package dev.shuqiao.provider;

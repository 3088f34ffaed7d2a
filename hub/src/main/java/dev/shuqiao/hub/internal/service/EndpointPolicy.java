package dev.shuqiao.hub.internal.service;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Which endpoint URLs a department may register: an absolute {@code https} URL naming a public
 * host, without user information or fragment. The hub relays data to that URL, so a loopback,
 * private, link-local or otherwise non-public address would let a registration point the hub at
 * itself or its own network. Only the development setting ({@code development.allowInsecureEndpoints})
 * also admits {@code http} and such hosts, for a hub and departments on one machine.
 *
 * <p>Host names are judged by their text, never resolved (resolution can change after the check):
 * {@code localhost} and names under {@code .localhost}, {@code .local}, {@code .internal} and
 * {@code .home.arpa} are refused; numeric forms that Java and most resolvers read as IPv4 addresses
 * ({@code 2130706433}, {@code 0x7f.1}, {@code 127.1}) count as addresses.
 */
final class EndpointPolicy {

  private final boolean allowInsecure;

  EndpointPolicy(boolean allowInsecure) {
    this.allowInsecure = allowInsecure;
  }

  /** Throws 422 {@code invalid-endpoint} or {@code insecure-endpoint} naming the field. */
  void check(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw invalid("endpointUrl is not a URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!uri.isAbsolute() || uri.isOpaque() || uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
      throw invalid("endpointUrl must be an absolute https URL with a host");
    }
    if (uri.getRawUserInfo() != null) {
      throw invalid("endpointUrl must not carry user information (credentials never belong in a URL)");
    }
    if (uri.getRawFragment() != null) {
      throw invalid("endpointUrl must not have a fragment");
    }
    if (allowInsecure) {
      return;
    }
    if (!scheme.equals("https")) {
      throw insecure("endpointUrl must use https (http is accepted only under the hub's development setting)");
    }
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    if (host.endsWith(".")) {
      host = host.substring(0, host.length() - 1);
    }
    if (!isPublic(host)) {
      throw insecure("endpointUrl names a loopback, private or otherwise non-public host (accepted only under the"
          + " hub's development setting)");
    }
  }

  /** True for a host name or address literal that may be registered on a production hub. */
  static boolean isPublic(String host) {
    if (host.isEmpty()) {
      return false;
    }
    if (host.startsWith("[")) {
      return isPublicAddress(literal(host.substring(1, host.length() - 1)));
    }
    if (looksNumeric(host)) {
      return isPublicAddress(literal(host));
    }
    return !(host.equals("localhost") || host.endsWith(".localhost") || host.endsWith(".local")
        || host.endsWith(".internal") || host.endsWith(".home.arpa") || host.endsWith(".localdomain"));
  }

  /**
   * A host whose last label is numeric (or hex) is an address to resolvers (WHATWG URL, glibc,
   * {@link InetAddress}), never a DNS name: {@code 127.1}, {@code 2130706433}, {@code 0x7f.0.0.1}.
   */
  private static boolean looksNumeric(String host) {
    String last = host.substring(host.lastIndexOf('.') + 1);
    return !last.isEmpty() && (last.chars().allMatch(Character::isDigit) || last.matches("0x[0-9a-f]*"));
  }

  /** The address of a literal, or null when it is not one Java reads without a lookup (then: not public). */
  private static InetAddress literal(String text) {
    if (!text.matches("[0-9a-fx.:]+")) {
      return null; // e.g. a zone id (fe80::1%eth0): never public anyway
    }
    String v4 = text.contains(":") ? text : canonicalIpv4(text);
    if (v4 == null) {
      return null;
    }
    try {
      return InetAddress.getByName(v4);
    } catch (UnknownHostException e) {
      return null;
    }
  }

  /** The BSD forms a, a.b, a.b.c, a.b.c.d with decimal, octal (leading 0) or hex (0x) parts, as dotted quad. */
  private static String canonicalIpv4(String text) {
    String[] parts = text.split("\\.", -1);
    if (parts.length > 4) {
      return null;
    }
    long[] values = new long[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        String p = parts[i];
        if (p.isEmpty()) {
          return null;
        }
        values[i] = p.startsWith("0x") ? (p.length() == 2 ? 0 : Long.parseLong(p.substring(2), 16))
            : p.length() > 1 && p.startsWith("0") ? Long.parseLong(p.substring(1), 8) : Long.parseLong(p);
      } catch (NumberFormatException e) {
        return null;
      }
    }
    long address = 0;
    for (int i = 0; i < values.length - 1; i++) {
      if (values[i] > 255) {
        return null;
      }
      address |= values[i] << (8 * (3 - i));
    }
    long last = values[values.length - 1];
    if (last >= 1L << (8 * (5 - values.length))) {
      return null;
    }
    address |= last;
    return ((address >> 24) & 255) + "." + ((address >> 16) & 255) + "." + ((address >> 8) & 255) + "." + (address & 255);
  }

  private static boolean isPublicAddress(InetAddress address) {
    if (address == null || address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
        || address.isSiteLocalAddress() || address.isMulticastAddress()) {
      return false;
    }
    byte[] b = address.getAddress();
    if (b.length == 4) {
      int a0 = b[0] & 255;
      int a1 = b[1] & 255;
      return !(a0 == 0 // "this network"
          || a0 == 100 && (a1 & 0xC0) == 64 // 100.64.0.0/10 carrier-grade NAT
          || a0 == 192 && a1 == 0 && (b[2] & 255) == 0 // 192.0.0.0/24 protocol assignments
          || a0 == 198 && (a1 & 0xFE) == 18 // 198.18.0.0/15 benchmarking
          || a0 >= 240); // reserved and broadcast
    }
    int b0 = b[0] & 255;
    if ((b0 & 0xFE) == 0xFC) {
      return false; // fc00::/7 unique local
    }
    boolean mappedOrCompatible = true;
    for (int i = 0; i < 10; i++) {
      mappedOrCompatible &= b[i] == 0;
    }
    if (mappedOrCompatible && (b[10] == 0 && b[11] == 0 || (b[10] & 255) == 255 && (b[11] & 255) == 255)) {
      // ::a.b.c.d and ::ffff:a.b.c.d (Java turns the latter into an Inet4Address already): judge the IPv4 part
      try {
        return isPublicAddress(InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, 12, 16)));
      } catch (UnknownHostException e) {
        return false;
      }
    }
    boolean nat64 = (b0 == 0x00 && (b[1] & 255) == 0x64 && (b[2] & 255) == 0xff && (b[3] & 255) == 0x9b);
    return !nat64 && !(b0 == 0x20 && (b[1] & 255) == 0x01 && (b[2] & 255) == 0x0d && (b[3] & 255) == 0xb8); // 2001:db8::/32
  }

  private static HubException invalid(String detail) {
    return HubException.unprocessable("invalid-endpoint", detail, "endpointUrl");
  }

  private static HubException insecure(String detail) {
    return HubException.unprocessable("insecure-endpoint", detail, "endpointUrl");
  }
}

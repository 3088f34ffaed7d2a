/** The hub's HTTP surface: routing, RFC 9421 signature checks, JSON and problem+json. Not API. */
package dev.shuqiao.hub.internal.api;

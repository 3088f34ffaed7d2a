/** Carries relay messages to providers and their replies back: push over HTTP, pull through held polls. */
package dev.shuqiao.hub.internal.relay;

/** The city's exchange hub: {@link dev.shuqiao.hub.HubServer} and its configuration. */
package dev.shuqiao.hub;

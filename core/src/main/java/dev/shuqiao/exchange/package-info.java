/** The exchange channel's shared values: the hub-signed authorization ticket (docs/exchange.md §3). */
package dev.shuqiao.exchange;

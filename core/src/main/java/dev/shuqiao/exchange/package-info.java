/** Wire values of the exchange channel shared by the hub and the SDK: the hub's signed authorization ticket (docs/exchange.md). */
package dev.shuqiao.exchange;

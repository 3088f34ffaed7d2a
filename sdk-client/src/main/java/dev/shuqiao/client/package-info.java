/** The departmental client of the Shuqiao exchange hub: {@link dev.shuqiao.client.ShuqiaoClient}. */
package dev.shuqiao.client;

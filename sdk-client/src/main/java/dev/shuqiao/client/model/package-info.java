/** Typed values the hub exchanges with {@link dev.shuqiao.client.ShuqiaoClient}. */
package dev.shuqiao.client.model;

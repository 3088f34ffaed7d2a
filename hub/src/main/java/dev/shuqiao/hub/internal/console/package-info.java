/** The hub's web console for officials: sign-in, catalog pages and grant decisions, beside the signed API. */
package dev.shuqiao.hub.internal.console;

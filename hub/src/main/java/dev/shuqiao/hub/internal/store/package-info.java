/** JDBC persistence of the hub: schema migrations and one store per table family. Not API. */
package dev.shuqiao.hub.internal.store;

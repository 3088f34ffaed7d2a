/** Test stand-ins for the sdk-client's provider annotations, matched by name in bytecode. */
package dev.shuqiao.provider;

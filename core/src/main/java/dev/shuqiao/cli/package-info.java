/** The {@code shuqiao} command line: catalog validation now, audit verification and keys later. */
package dev.shuqiao.cli;

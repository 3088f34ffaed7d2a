/** JMH benchmarks: one measured operation per class, each next to its baseline in the same run. */
package dev.shuqiao.benchmarks;

/** The birth bundle demo (出生一件事): a hub, four departments and a service center in one run. */
package dev.shuqiao.examples.birth;

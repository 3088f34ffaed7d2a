/** "One thing" bundles (一件事): a validated multi-step definition, and a runner that executes it through the exchange channel with consent, audit and a crash-safe case journal. */
package dev.shuqiao.bundle;

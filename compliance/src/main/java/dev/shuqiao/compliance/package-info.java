/** Compliance rule API: rules, the context they read, the findings they report, and how a run is judged. */
package dev.shuqiao.compliance;

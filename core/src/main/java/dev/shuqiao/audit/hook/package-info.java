/** Audit hooks for vendors: servlet filter, {@code @Audited} CDI interceptor and the thread's audit scope. */
package dev.shuqiao.audit.hook;

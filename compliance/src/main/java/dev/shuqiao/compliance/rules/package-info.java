/** Built-in compliance rules (weak crypto by bytecode dataflow, catalog, logs, dependencies) and the machinery behind them. */
package dev.shuqiao.compliance.rules;

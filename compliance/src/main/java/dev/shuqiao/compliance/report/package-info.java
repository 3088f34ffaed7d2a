/** Compliance reports for pipelines and reviewers: JSON, SARIF 2.1.0 (GitHub code scanning) and HTML. */
package dev.shuqiao.compliance.report;

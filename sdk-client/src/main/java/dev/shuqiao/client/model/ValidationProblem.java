package dev.shuqiao.client.model;

/** One catalog validator problem: where ({@code path}, and line/column when known), which rule, and why. */
public record ValidationProblem(String path, String ruleId, String severity, String message, int line, int column) {}

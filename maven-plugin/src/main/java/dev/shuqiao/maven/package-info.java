/** Thin mojos adapting Shuqiao's catalog validation and compliance rules to Maven ({@code shuqiao:*} goals). */
package dev.shuqiao.maven;

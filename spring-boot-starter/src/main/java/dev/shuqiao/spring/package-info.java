/** Spring Boot auto-configuration of Shuqiao from {@code shuqiao.*} properties: no logic of its own. */
package dev.shuqiao.spring;

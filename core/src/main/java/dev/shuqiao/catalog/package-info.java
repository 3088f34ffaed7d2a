/** The data resource catalog (政务信息资源目录): model, descriptor parsing, validation and DCAT-AP export. */
package dev.shuqiao.catalog;

/** The hub's rules: who may do what to departments, catalog resources and grants. Not API. */
package dev.shuqiao.hub.internal.service;

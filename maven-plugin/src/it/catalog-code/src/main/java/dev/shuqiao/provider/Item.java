package dev.shuqiao.provider;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;

/** Stand-in for the sdk-client annotation of the same name. */
@Retention(RetentionPolicy.RUNTIME)
public @interface Item {
  String value();
}

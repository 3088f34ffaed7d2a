package dev.shuqiao.provider;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The catalog information item a field holds. A field of a {@link DataResource} class without it
 * stands for the item named like the field. Only the items of the exchange's ticket leave the
 * provider, whatever fields a record has.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface Item {

  /** The item name as written in the catalog, e.g. {@code 新生儿姓名}. */
  String value();
}

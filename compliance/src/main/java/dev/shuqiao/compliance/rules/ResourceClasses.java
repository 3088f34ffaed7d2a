package dev.shuqiao.compliance.rules;

import dev.shuqiao.catalog.Catalog;
import dev.shuqiao.catalog.DataResource;
import dev.shuqiao.catalog.ResourceCodeFormat;
import dev.shuqiao.compliance.Location;
import dev.shuqiao.compliance.RuleContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AnnotationNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * The project's classes that serve catalog resources: annotated {@code @DataResource("code")}
 * (matched by descriptor, as the annotation lives in the SDK), with their instance fields, the
 * item each field stands for ({@code @Item("name")}, else the field name) and whether the field is
 * marked {@code @Masked} or {@code @Encrypted}.
 */
final class ResourceClasses {

  static final String DATA_RESOURCE = "Ldev/shuqiao/provider/DataResource;";
  static final String ITEM = "Ldev/shuqiao/provider/Item;";
  static final Set<String> PROTECTION = Set.of("Ldev/shuqiao/provider/Masked;", "Ldev/shuqiao/provider/Encrypted;");

  /** One annotated class. */
  record ResourceClass(ClassNode type, String code, List<Field> fields, Location location) {}

  /** One instance field of an annotated class. */
  record Field(ResourceClass owner, FieldNode node, String itemName, boolean protectedValue) {
    String key() {
      return owner.type().name + "." + node.name;
    }
  }

  private final List<ResourceClass> classes = new ArrayList<>();

  static ResourceClasses of(RuleContext context) {
    return context.shared(ResourceClasses.class, c -> new ResourceClasses(ProjectClasses.of(c)));
  }

  private ResourceClasses(ProjectClasses project) {
    for (ClassNode type : project.mentioning(DATA_RESOURCE)) {
      annotation(type.visibleAnnotations, type.invisibleAnnotations, DATA_RESOURCE)
          .map(a -> value(a, "value"))
          .ifPresent(code -> classes.add(resourceClass(type, code)));
    }
  }

  List<ResourceClass> classes() {
    return classes;
  }

  /** The catalog resource with this code (compared ignoring spaces), if any. */
  static Optional<DataResource> resource(Catalog catalog, String code) {
    String wanted = code.replace(" ", "");
    return catalog.resources().stream()
        .filter(r -> ResourceCodeFormat.DEFAULT.format(r.code()).replace(" ", "").equals(wanted))
        .findFirst();
  }

  /**
   * Fields holding personal or sensitive data according to the catalog, or marked for protection:
   * {@code owner.name} to the item name.
   */
  Map<String, String> personalFields(Optional<Catalog> catalog) {
    Map<String, String> keys = new HashMap<>();
    for (ResourceClass type : classes) {
      Optional<DataResource> resource = catalog.flatMap(c -> resource(c, type.code()));
      for (Field field : type.fields()) {
        boolean personal = resource.flatMap(r -> r.item(field.itemName()))
            .map(i -> i.personal() || i.sensitive()).orElse(false);
        if (personal || field.protectedValue()) {
          keys.put(field.key(), field.itemName());
        }
      }
    }
    return keys;
  }

  private static ResourceClass resourceClass(ClassNode type, String code) {
    List<Field> fields = new ArrayList<>();
    Location location = new Location(ProjectClasses.sourceFile(type), declarationLine(type), type.name.replace('/', '.'));
    ResourceClass resource = new ResourceClass(type, code, fields, location);
    for (FieldNode field : type.fields) {
      if ((field.access & (Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC)) != 0) {
        continue;
      }
      String item = annotation(field.visibleAnnotations, field.invisibleAnnotations, ITEM)
          .map(a -> value(a, "value")).orElse(field.name);
      boolean protectedValue = PROTECTION.stream()
          .anyMatch(p -> annotation(field.visibleAnnotations, field.invisibleAnnotations, p).isPresent());
      fields.add(new Field(resource, field, item, protectedValue));
    }
    return resource;
  }

  /** The smallest line in the class: javac puts an implicit constructor on the declaration line. */
  private static int declarationLine(ClassNode type) {
    int line = Integer.MAX_VALUE;
    for (MethodNode method : type.methods) {
      for (var insn : method.instructions) {
        if (insn instanceof LineNumberNode number) {
          line = Math.min(line, number.line);
        }
      }
    }
    return line == Integer.MAX_VALUE ? 0 : line;
  }

  private static Optional<AnnotationNode> annotation(List<AnnotationNode> visible, List<AnnotationNode> invisible,
      String descriptor) {
    for (List<AnnotationNode> list : java.util.Arrays.asList(visible, invisible)) {
      if (list != null) {
        for (AnnotationNode annotation : list) {
          if (annotation.desc.equals(descriptor)) {
            return Optional.of(annotation);
          }
        }
      }
    }
    return Optional.empty();
  }

  private static String value(AnnotationNode annotation, String name) {
    if (annotation.values != null) {
      for (int i = 0; i + 1 < annotation.values.size(); i += 2) {
        if (name.equals(annotation.values.get(i))) {
          return String.valueOf(annotation.values.get(i + 1));
        }
      }
    }
    return "";
  }
}

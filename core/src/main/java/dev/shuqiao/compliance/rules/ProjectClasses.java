package dev.shuqiao.compliance.rules;

import dev.shuqiao.compliance.ComplianceException;
import dev.shuqiao.compliance.Location;
import dev.shuqiao.compliance.RuleContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

/** The project's own compiled classes, read once per context, with method lookup by call. */
final class ProjectClasses {

  private final List<ClassNode> classes;
  private final Map<String, ClassNode> byName = new HashMap<>();
  /** Per class, methods by name (overloads in a short list): lookups allocate nothing. */
  private final Map<String, Map<String, List<MethodNode>>> methods = new HashMap<>();
  private final Map<MethodNode, ClassNode> owners = new java.util.IdentityHashMap<>();

  private ProjectClasses(List<ClassNode> classes) {
    this.classes = classes;
    for (ClassNode type : classes) {
      byName.put(type.name, type);
      Map<String, List<MethodNode>> byMethodName = new HashMap<>();
      for (MethodNode method : type.methods) {
        byMethodName.computeIfAbsent(method.name, k -> new ArrayList<>(1)).add(method);
        owners.put(method, type);
      }
      methods.put(type.name, byMethodName);
    }
  }

  static ProjectClasses of(RuleContext context) {
    return context.shared(ProjectClasses.class, ProjectClasses::load);
  }

  private static ProjectClasses load(RuleContext context) {
    List<Path> files = new ArrayList<>();
    for (Path directory : context.classDirectories()) {
      if (!Files.isDirectory(directory)) {
        continue;
      }
      try (Stream<Path> found = Files.walk(directory)) {
        found.filter(f -> f.toString().endsWith(".class"))
            .filter(f -> !f.getFileName().toString().equals("module-info.class"))
            .sorted()
            .forEach(files::add);
      } catch (IOException e) {
        throw new ComplianceException("Cannot list class files under " + directory + ": " + e.getMessage(), e);
      }
    }
    // Reading and parsing dominate on large projects; they are independent per file.
    return new ProjectClasses(files.parallelStream().map(ProjectClasses::read).toList());
  }

  private static ClassNode read(Path file) {
    try {
      ClassNode node = new ClassNode();
      new ClassReader(Files.readAllBytes(file)).accept(node, ClassReader.SKIP_FRAMES);
      return node;
    } catch (IOException | RuntimeException e) {
      throw new ComplianceException("Cannot read class file " + file + " (" + e.getClass().getSimpleName()
          + ": " + e.getMessage() + "); rebuild the project with a clean build, or remove the file.", e);
    }
  }

  List<ClassNode> classes() {
    return classes;
  }

  ClassNode find(String internalName) {
    return byName.get(internalName);
  }

  /** The project method a call lands on (walking up project superclasses), or {@code null}. */
  MethodNode resolve(String owner, String name, String desc) {
    ClassNode type = byName.get(owner);
    while (type != null) {
      for (MethodNode method : methods.get(type.name).getOrDefault(name, List.of())) {
        if (method.desc.equals(desc)) {
          return method;
        }
      }
      type = type.superName == null ? null : byName.get(type.superName);
    }
    return null;
  }

  /** The class declaring a project method. */
  ClassNode owner(MethodNode method) {
    return owners.get(method);
  }

  /** The source file of a class relative to its source root, such as {@code dev/acme/Hasher.java}. */
  static String sourceFile(ClassNode type) {
    int slash = type.name.lastIndexOf('/');
    String directory = slash < 0 ? "" : type.name.substring(0, slash + 1);
    if (type.sourceFile != null) {
      return directory + type.sourceFile;
    }
    String outer = type.name.contains("$") ? type.name.substring(0, type.name.indexOf('$')) : type.name;
    return outer + ".java";
  }

  static Location location(ClassNode type, MethodNode method, int line) {
    return new Location(sourceFile(type), Math.max(line, 0), type.name.replace('/', '.') + "#" + method.name);
  }

  /** {@code Hasher.md5(String)}: how a method reads in a message. */
  static String display(ClassNode type, MethodNode method) {
    String simple = type.name.substring(type.name.lastIndexOf('/') + 1);
    StringBuilder text = new StringBuilder(simple).append('.').append(method.name).append('(');
    Type[] parameters = Type.getArgumentTypes(method.desc);
    for (int i = 0; i < parameters.length; i++) {
      String name = parameters[i].getClassName();
      text.append(i > 0 ? ", " : "").append(name.substring(name.lastIndexOf('.') + 1));
    }
    return text.append(')').toString();
  }
}

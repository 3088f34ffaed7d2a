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
import java.util.Set;
import java.util.stream.Stream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * The project's own compiled classes, read once per context, with method lookup by call.
 *
 * <p>Every class file is read, but at first only its constant pool is looked at: which classes,
 * methods and fields it refers to. Its code becomes a tree ({@link ClassNode}) only when an
 * analysis asks for it, so a large project whose classes mostly never touch a crypto API is not
 * parsed in full. The constant pool is a pre-filter only (a class whose pool does not name
 * {@code Cipher} cannot call it); every verdict still comes from the dataflow over the tree.
 */
final class ProjectClasses {

  /** Constant pool tags (JVMS §4.4). */
  private static final int FIELDREF = 9;
  private static final int METHODREF = 10;
  private static final int INTERFACE_METHODREF = 11;
  private static final int UTF8 = 1;

  /** One class file: its reader (constant pool indexed), what its pool refers to, and once asked for, its tree. */
  private static final class Entry {
    final int order;
    final Path file;
    final ClassReader reader;
    final String name;
    final String superName;
    final String[] interfaces;
    /** Owner and name of every method the pool refers to, pairwise. */
    final String[] methodReferences;
    /** Owner of every field the pool refers to. */
    final String[] fieldOwners;
    private volatile ClassNode node;
    private volatile Set<String> declared;

    Entry(int order, Path file, ClassReader reader) {
      this.order = order;
      this.file = file;
      this.reader = reader;
      this.name = reader.getClassName();
      this.superName = reader.getSuperName();
      this.interfaces = reader.getInterfaces();
      char[] buffer = new char[reader.getMaxStringLength()];
      List<String> methods = new ArrayList<>();
      List<String> fields = new ArrayList<>();
      for (int i = 1; i < reader.getItemCount(); i++) {
        int offset = reader.getItem(i);
        if (offset == 0) {
          continue;
        }
        int tag = reader.readByte(offset - 1);
        if (tag == METHODREF || tag == INTERFACE_METHODREF) {
          methods.add(reader.readClass(offset, buffer));
          methods.add(reader.readUTF8(reader.getItem(reader.readUnsignedShort(offset + 2)), buffer));
        } else if (tag == FIELDREF) {
          fields.add(reader.readClass(offset, buffer));
        }
      }
      this.methodReferences = methods.toArray(String[]::new);
      this.fieldOwners = fields.toArray(String[]::new);
    }
  }

  private final List<Entry> entries;
  private final Map<String, Entry> byName = new HashMap<>();
  private final Map<MethodNode, ClassNode> owners = java.util.Collections.synchronizedMap(new java.util.IdentityHashMap<>());
  /** Per class, methods by name (overloads in a short list): lookups allocate nothing. */
  private final Map<String, Map<String, List<MethodNode>>> methods = new java.util.concurrent.ConcurrentHashMap<>();
  /** Built on first use: owner → method name → classes whose pool refers to that method. */
  private Map<String, Map<String, List<Entry>>> methodReferences;
  /** Built on first use: owner → classes whose pool refers to one of its fields. */
  private Map<String, List<Entry>> fieldReferences;
  private Map<String, List<Entry>> subclasses;

  private ProjectClasses(List<Entry> entries) {
    this.entries = entries;
    for (Entry entry : entries) {
      byName.putIfAbsent(entry.name, entry);
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
    // Reading dominates on large projects; it is independent per file.
    List<Entry> entries = java.util.stream.IntStream.range(0, files.size()).parallel()
        .mapToObj(i -> new Entry(i, files.get(i), read(files.get(i)))).toList();
    return new ProjectClasses(entries);
  }

  private static ClassReader read(Path file) {
    try {
      ClassReader reader = new ClassReader(Files.readAllBytes(file));
      reader.getSuperName(); // touches the header, so a truncated file fails here, with its name
      return reader;
    } catch (IOException | RuntimeException e) {
      throw unreadable(file, e);
    }
  }

  private static ComplianceException unreadable(Path file, Exception e) {
    return new ComplianceException("Cannot read class file " + file + " (" + e.getClass().getSimpleName()
        + ": " + e.getMessage() + "); rebuild the project with a clean build, or remove the file.", e);
  }

  /** The classes, in file order, that call a method of one of {@code owners} (by their constant pool). */
  List<ClassNode> callingAnyOf(Set<String> owners) {
    List<ClassNode> found = new ArrayList<>();
    for (Entry entry : candidates(owners)) {
      found.add(node(entry));
    }
    return found;
  }

  private List<Entry> candidates(Set<String> owners) {
    Map<String, Map<String, List<Entry>>> references = methodReferences();
    java.util.TreeMap<Integer, Entry> ordered = new java.util.TreeMap<>();
    for (String owner : owners) {
      for (List<Entry> list : references.getOrDefault(owner, Map.of()).values()) {
        list.forEach(e -> ordered.put(e.order, e));
      }
    }
    return List.copyOf(ordered.values());
  }

  /**
   * The classes, in file order, whose constant pool refers to method {@code name} of {@code owner},
   * of a project subclass of it, or of a project supertype (a call through which may dispatch to
   * an override in {@code owner}): every class that may call that method.
   */
  List<ClassNode> mayCall(String owner, String name) {
    Map<String, Map<String, List<Entry>>> references = methodReferences();
    java.util.TreeMap<Integer, Entry> ordered = new java.util.TreeMap<>();
    for (String supertype : supertypes(owner)) {
      references.getOrDefault(supertype, Map.of()).getOrDefault(name, List.of()).forEach(e -> ordered.put(e.order, e));
    }
    java.util.ArrayDeque<String> types = new java.util.ArrayDeque<>(List.of(owner));
    Set<String> seen = new java.util.HashSet<>();
    while (!types.isEmpty()) {
      String type = types.pop();
      if (seen.add(type)) {
        references.getOrDefault(type, Map.of()).getOrDefault(name, List.of()).forEach(e -> ordered.put(e.order, e));
        subclasses().getOrDefault(type, List.of()).forEach(e -> types.push(e.name));
      }
    }
    List<ClassNode> found = new ArrayList<>();
    ordered.values().forEach(e -> found.add(node(e)));
    return found;
  }

  /** The classes, in file order, whose constant pool refers to a field of {@code owner}. */
  List<ClassNode> mayAccessFieldsOf(String owner) {
    List<ClassNode> found = new ArrayList<>();
    fieldReferences().getOrDefault(owner, List.of()).forEach(e -> found.add(node(e)));
    return found;
  }

  /** The classes, in file order, whose constant pool holds the ASCII text {@code utf8} (a descriptor, say). */
  List<ClassNode> mentioning(String utf8) {
    if (!utf8.chars().allMatch(c -> c > 0 && c < 0x80)) {
      throw new IllegalArgumentException("not ASCII: " + utf8);
    }
    return entries.parallelStream().filter(e -> holdsText(e.reader, utf8)).map(this::node).toList();
  }

  /** Compares raw pool bytes, which for ASCII text (as descriptors are) equal the characters. */
  private static boolean holdsText(ClassReader reader, String text) {
    for (int i = 1; i < reader.getItemCount(); i++) {
      int offset = reader.getItem(i);
      if (offset > 0 && reader.readByte(offset - 1) == UTF8 && reader.readUnsignedShort(offset) == text.length()) {
        int k = 0;
        while (k < text.length() && reader.readByte(offset + 2 + k) == text.charAt(k)) {
          k++;
        }
        if (k == text.length()) {
          return true;
        }
      }
    }
    return false;
  }

  private synchronized Map<String, Map<String, List<Entry>>> methodReferences() {
    if (methodReferences == null) {
      methodReferences = new HashMap<>();
      fieldReferences = new HashMap<>();
      for (Entry entry : entries) {
        for (int i = 0; i < entry.methodReferences.length; i += 2) {
          addOnce(methodReferences.computeIfAbsent(entry.methodReferences[i], k -> new HashMap<>())
              .computeIfAbsent(entry.methodReferences[i + 1], k -> new ArrayList<>(2)), entry);
        }
        for (String owner : entry.fieldOwners) {
          addOnce(fieldReferences.computeIfAbsent(owner, k -> new ArrayList<>(2)), entry);
        }
      }
    }
    return methodReferences;
  }

  private static void addOnce(List<Entry> list, Entry entry) {
    if (list.isEmpty() || list.get(list.size() - 1) != entry) {
      list.add(entry);
    }
  }

  private Map<String, List<Entry>> fieldReferences() {
    methodReferences();
    return fieldReferences;
  }

  private synchronized Map<String, List<Entry>> subclasses() {
    if (subclasses == null) {
      subclasses = new HashMap<>();
      for (Entry entry : entries) {
        if (entry.superName != null) {
          subclasses.computeIfAbsent(entry.superName, k -> new ArrayList<>()).add(entry);
        }
      }
    }
    return subclasses;
  }

  /** The project superclasses and interfaces of {@code type}, transitively, without {@code type}. */
  Set<String> supertypes(String type) {
    Set<String> found = new java.util.LinkedHashSet<>();
    java.util.ArrayDeque<String> pending = new java.util.ArrayDeque<>(List.of(type));
    while (!pending.isEmpty()) {
      Entry entry = byName.get(pending.pop());
      if (entry == null) {
        continue;
      }
      List<String> parents = new ArrayList<>(List.of(entry.interfaces));
      if (entry.superName != null) {
        parents.add(entry.superName);
      }
      for (String parent : parents) {
        if (byName.containsKey(parent) && found.add(parent)) {
          pending.push(parent);
        }
      }
    }
    return found;
  }

  /**
   * Whether a call whose static target is {@code target} may run {@code callee}: it is the same
   * method, or {@code callee} overrides or implements it (same name and descriptor, declared in a
   * project subtype of the target's class, neither static, private nor a constructor).
   */
  boolean dispatches(MethodNode target, MethodNode callee) {
    if (target == callee) {
      return true;
    }
    int closed = org.objectweb.asm.Opcodes.ACC_STATIC | org.objectweb.asm.Opcodes.ACC_PRIVATE;
    return target != null && (target.access & closed) == 0 && (callee.access & closed) == 0
        && !callee.name.startsWith("<") && target.name.equals(callee.name) && target.desc.equals(callee.desc)
        && supertypes(owner(callee).name).contains(owner(target).name);
  }

  /** Whether {@code internalName} is a project class (without parsing it). */
  boolean contains(String internalName) {
    return byName.containsKey(internalName);
  }

  /** The project class as a tree, or {@code null}. */
  ClassNode find(String internalName) {
    Entry entry = byName.get(internalName);
    return entry == null ? null : node(entry);
  }

  private ClassNode node(Entry entry) {
    ClassNode node = entry.node;
    if (node == null) {
      synchronized (entry) {
        node = entry.node;
        if (node == null) {
          node = parse(entry);
          entry.node = node;
        }
      }
    }
    return node;
  }

  private ClassNode parse(Entry entry) {
    ClassNode node = new ClassNode();
    try {
      entry.reader.accept(node, ClassReader.SKIP_FRAMES);
    } catch (RuntimeException e) {
      throw unreadable(entry.file, e);
    }
    Map<String, List<MethodNode>> byMethodName = new HashMap<>();
    for (MethodNode method : node.methods) {
      byMethodName.computeIfAbsent(method.name, k -> new ArrayList<>(1)).add(method);
      owners.put(method, node);
    }
    methods.put(node.name, byMethodName);
    return node;
  }

  /**
   * Whether a call lands on a project method (walking up project superclasses), like
   * {@code resolve(...) != null} but reading only method headers of classes not yet parsed.
   */
  boolean declares(String owner, String name, String desc) {
    Entry entry = byName.get(owner);
    while (entry != null) {
      if (declared(entry).contains(name + desc)) {
        return true;
      }
      entry = entry.superName == null ? null : byName.get(entry.superName);
    }
    return false;
  }

  private static Set<String> declared(Entry entry) {
    Set<String> declared = entry.declared;
    if (declared == null) {
      Set<String> found = new java.util.HashSet<>();
      ClassNode node = entry.node;
      if (node != null) {
        node.methods.forEach(m -> found.add(m.name + m.desc));
      } else {
        try {
          entry.reader.accept(new org.objectweb.asm.ClassVisitor(org.objectweb.asm.Opcodes.ASM9) {
            @Override
            public org.objectweb.asm.MethodVisitor visitMethod(int access, String name, String desc, String signature,
                String[] exceptions) {
              found.add(name + desc);
              return null;
            }
          }, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        } catch (RuntimeException e) {
          throw unreadable(entry.file, e);
        }
      }
      declared = found;
      entry.declared = declared;
    }
    return declared;
  }

  /** The project method a call lands on (walking up project superclasses), or {@code null}. */
  MethodNode resolve(String owner, String name, String desc) {
    ClassNode type = find(owner);
    while (type != null) {
      for (MethodNode method : methods.get(type.name).getOrDefault(name, List.of())) {
        if (method.desc.equals(desc)) {
          return method;
        }
      }
      type = type.superName == null ? null : find(type.superName);
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

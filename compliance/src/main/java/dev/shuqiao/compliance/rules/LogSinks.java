package dev.shuqiao.compliance.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.Frame;

/** Finds personal-field taint arriving at logging calls in one method. */
final class LogSinks {

  /** One personal field reaching one logging call. */
  record Leak(String field, String sink, int line) {}

  private static final Map<String, Set<String>> SINKS = Map.of(
      "org/slf4j/Logger", Set.of("trace", "debug", "info", "warn", "error"),
      "org/apache/logging/log4j/Logger", Set.of("trace", "debug", "info", "warn", "error", "fatal", "log"),
      "java/util/logging/Logger", Set.of("log", "logp", "info", "warning", "severe", "fine", "finer", "finest", "config"),
      "java/io/PrintStream", Set.of("print", "println", "printf", "format"),
      "java/lang/System$Logger", Set.of("log"));

  private final TaintInterpreter interpreter;

  LogSinks(Map<String, String> personal, Map<MethodNode, String> getters, ProjectClasses classes) {
    this.interpreter = new TaintInterpreter(personal, getters, classes);
  }

  /** The classes whose calls may reach a sink: only these can log. */
  static List<ClassNode> mayLog(ProjectClasses classes) {
    return classes.callingAnyOf(SINKS.keySet());
  }

  /** Whether a method calls a logging sink at all, so that most methods are never analysed. */
  static boolean mayLog(MethodNode method) {
    for (AbstractInsnNode insn : method.instructions) {
      if (insn instanceof MethodInsnNode call && isSink(call)) {
        return true;
      }
    }
    return false;
  }

  /** Methods that only return a personal field ({@code return this.idNumber;}), to the field. */
  static Map<MethodNode, String> getters(ProjectClasses classes, Map<String, String> personal) {
    Map<MethodNode, String> getters = new HashMap<>();
    Set<ClassNode> readers = new java.util.LinkedHashSet<>();
    for (String field : personal.keySet()) {
      readers.addAll(classes.mayAccessFieldsOf(field.substring(0, field.lastIndexOf('.'))));
    }
    for (ClassNode type : readers) {
      for (MethodNode method : type.methods) {
        List<AbstractInsnNode> code = new ArrayList<>();
        for (AbstractInsnNode insn : method.instructions) {
          if (insn.getOpcode() >= 0) {
            code.add(insn);
          }
        }
        if (code.size() == 3 && code.get(0).getOpcode() == Opcodes.ALOAD
            && code.get(1) instanceof FieldInsnNode field && field.getOpcode() == Opcodes.GETFIELD
            && code.get(2).getOpcode() >= Opcodes.IRETURN && code.get(2).getOpcode() <= Opcodes.ARETURN
            && personal.containsKey(field.owner + "." + field.name)) {
          getters.put(method, field.owner + "." + field.name);
        }
      }
    }
    return getters;
  }

  List<Leak> leaks(ClassNode type, MethodNode method) throws AnalyzerException {
    Frame<Taint>[] frames = new Analyzer<>(interpreter).analyze(type.name, method);
    Map<AbstractInsnNode, Set<String>> arrays = new HashMap<>();
    List<Leak> leaks = new ArrayList<>();
    int line = 0;
    int index = 0;
    for (AbstractInsnNode insn : method.instructions) {
      Frame<Taint> frame = frames[index++];
      if (insn instanceof LineNumberNode number) {
        line = number.line;
      } else if (frame != null && insn.getOpcode() == Opcodes.AASTORE) {
        Taint array = frame.getStack(frame.getStackSize() - 3);
        Taint value = frame.getStack(frame.getStackSize() - 1);
        if (array.array != null && !value.fields.isEmpty()) {
          arrays.computeIfAbsent(array.array, k -> new HashSet<>()).addAll(value.fields);
        }
      } else if (frame != null && insn instanceof MethodInsnNode call && isSink(call)) {
        for (String field : reaching(call, frame, arrays)) {
          leaks.add(new Leak(field, display(call), line));
        }
      }
    }
    return leaks;
  }

  private static Set<String> reaching(MethodInsnNode call, Frame<Taint> frame, Map<AbstractInsnNode, Set<String>> arrays) {
    int count = Type.getArgumentTypes(call.desc).length;
    Set<String> fields = new LinkedHashSet<>();
    for (int i = frame.getStackSize() - count; i < frame.getStackSize(); i++) {
      Taint argument = frame.getStack(i);
      fields.addAll(argument.fields);
      if (argument.array != null) {
        fields.addAll(arrays.getOrDefault(argument.array, Set.of()));
      }
    }
    return fields;
  }

  private static boolean isSink(MethodInsnNode call) {
    Set<String> names = SINKS.get(call.owner);
    return names != null && names.contains(call.name);
  }

  private static String display(MethodInsnNode call) {
    String owner = switch (call.owner) {
      case "org/slf4j/Logger" -> "SLF4J Logger";
      case "org/apache/logging/log4j/Logger" -> "Log4j Logger";
      case "java/util/logging/Logger" -> "JUL Logger";
      case "java/io/PrintStream" -> "System.out/err";
      default -> "System.Logger";
    };
    return owner + "." + call.name;
  }
}

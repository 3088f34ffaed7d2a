package dev.shuqiao.compliance.rules;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Which methods call a crypto API (the seeds of the analysis), and who calls a given project
 * method. Both are answered from the classes whose constant pool names the method; only those are
 * parsed, and only seeds and the callers the analysis asks for are ever run through the dataflow.
 */
final class CallGraph {

  private static final Set<String> CRYPTO_OWNERS = Set.of("java/security/MessageDigest", "javax/crypto/Cipher",
      "java/security/Signature", "javax/crypto/Mac", "javax/crypto/KeyGenerator", "javax/crypto/SecretKeyFactory",
      "java/security/KeyPairGenerator", "java/security/spec/RSAKeyGenParameterSpec", "javax/crypto/spec/SecretKeySpec",
      "javax/crypto/spec/DESKeySpec", "javax/crypto/spec/DESedeKeySpec", "javax/crypto/spec/IvParameterSpec",
      "javax/crypto/spec/GCMParameterSpec", "java/security/SecureRandom");

  private final ProjectClasses classes;
  private final List<MethodNode> seeds = new ArrayList<>();
  private final Map<MethodNode, List<MethodNode>> callers = new IdentityHashMap<>();

  CallGraph(ProjectClasses classes) {
    this.classes = classes;
    for (ClassNode type : classes.callingAnyOf(CRYPTO_OWNERS)) {
      for (MethodNode method : type.methods) {
        for (AbstractInsnNode insn : method.instructions) {
          if (insn instanceof MethodInsnNode call && Sink.mayBe(call.owner, call.name, call.desc)) {
            seeds.add(method);
            break;
          }
        }
      }
    }
  }

  /** Methods that call a crypto sink API directly, in class order. */
  List<MethodNode> seeds() {
    return seeds;
  }

  /** Project methods calling {@code callee} directly or through a method it overrides, each once, in class order. */
  List<MethodNode> callers(MethodNode callee) {
    List<MethodNode> known = callers.get(callee);
    if (known == null) {
      known = findCallers(callee);
      callers.put(callee, known);
    }
    return known;
  }

  private List<MethodNode> findCallers(MethodNode callee) {
    List<MethodNode> found = new ArrayList<>();
    for (ClassNode type : classes.mayCall(classes.owner(callee).name, callee.name)) {
      for (MethodNode method : type.methods) {
        if (method != callee && calls(method, callee)) {
          found.add(method);
        }
      }
    }
    return found;
  }

  private boolean calls(MethodNode method, MethodNode callee) {
    for (AbstractInsnNode insn : method.instructions) {
      if (insn instanceof MethodInsnNode call && call.name.equals(callee.name) && call.desc.equals(callee.desc)
          && classes.dispatches(classes.resolve(call.owner, call.name, call.desc), callee)) {
        return true;
      }
    }
    return false;
  }
}

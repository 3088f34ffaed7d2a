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
 * One cheap pass over every instruction of the project: which methods call a crypto API (the
 * seeds of the analysis), and who calls each project method. Only seeds and the callers the
 * analysis asks for are ever run through the dataflow.
 */
final class CallGraph {

  private static final Set<String> CRYPTO_OWNERS = Set.of("java/security/MessageDigest", "javax/crypto/Cipher",
      "java/security/Signature", "javax/crypto/Mac", "javax/crypto/KeyGenerator", "javax/crypto/SecretKeyFactory",
      "java/security/KeyPairGenerator", "java/security/spec/RSAKeyGenParameterSpec", "javax/crypto/spec/SecretKeySpec",
      "javax/crypto/spec/DESKeySpec", "javax/crypto/spec/DESedeKeySpec", "javax/crypto/spec/IvParameterSpec",
      "javax/crypto/spec/GCMParameterSpec", "java/security/SecureRandom");

  private final List<MethodNode> seeds = new ArrayList<>();
  private final Map<MethodNode, List<MethodNode>> callers = new IdentityHashMap<>();

  CallGraph(ProjectClasses classes) {
    for (ClassNode type : classes.classes()) {
      for (MethodNode method : type.methods) {
        boolean seed = false;
        for (AbstractInsnNode insn : method.instructions) {
          if (insn instanceof MethodInsnNode call) {
            seed |= CRYPTO_OWNERS.contains(call.owner);
            MethodNode callee = classes.resolve(call.owner, call.name, call.desc);
            if (callee != null && callee != method) {
              List<MethodNode> list = callers.computeIfAbsent(callee, k -> new ArrayList<>());
              if (list.isEmpty() || list.get(list.size() - 1) != method) {
                list.add(method);
              }
            }
          }
        }
        if (seed) {
          seeds.add(method);
        }
      }
    }
  }

  /** Methods that call a crypto API directly, in class order. */
  List<MethodNode> seeds() {
    return seeds;
  }

  /** Project methods calling {@code callee}, each once, in class order. */
  List<MethodNode> callers(MethodNode callee) {
    return callers.getOrDefault(callee, List.of());
  }
}

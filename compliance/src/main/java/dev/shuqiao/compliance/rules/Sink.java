package dev.shuqiao.compliance.rules;

import java.util.List;

/**
 * The JCA calls whose arguments decide whether crypto is weak, and which argument is which: the
 * algorithm (a text, or a key pair generator carrying one) and the material (a key size, key or
 * IV bytes, a seed).
 */
enum Sink {
  DIGEST("MessageDigest.getInstance"),
  CIPHER("Cipher.getInstance"),
  SIGNATURE("Signature.getInstance"),
  MAC("Mac.getInstance"),
  KEY_GENERATOR("KeyGenerator.getInstance"),
  SECRET_KEY_FACTORY("SecretKeyFactory.getInstance"),
  KEY_SIZE("key size"),
  SECRET_KEY("new SecretKeySpec"),
  IV("IV parameter"),
  SEEDED_RANDOM("SecureRandom seed");

  private final String display;

  Sink(String display) {
    this.display = display;
  }

  /** How the call reads in a message, such as {@code MessageDigest.getInstance}. */
  String display() {
    return display;
  }

  /** What a sink call carries before parameters are resolved. */
  record Evidence(Sink sink, SymbolicValue algorithm, SymbolicValue material) {}

  /**
   * Whether a call of {@code owner.name desc} may be a sink, judged from the signature alone: a
   * pre-filter that selects which methods to analyse; {@link #of} decides.
   */
  static boolean mayBe(String owner, String name, String desc) {
    return switch (owner) {
      case "java/security/MessageDigest", "javax/crypto/Cipher", "java/security/Signature", "javax/crypto/Mac",
          "javax/crypto/KeyGenerator", "javax/crypto/SecretKeyFactory" -> name.equals("getInstance");
      case "java/security/KeyPairGenerator" -> name.equals("initialize") && desc.startsWith("(I");
      case "java/security/spec/RSAKeyGenParameterSpec" -> name.equals("<init>") && desc.startsWith("(I");
      case "javax/crypto/spec/SecretKeySpec", "javax/crypto/spec/DESKeySpec", "javax/crypto/spec/DESedeKeySpec",
          "javax/crypto/spec/IvParameterSpec" -> name.equals("<init>") && desc.startsWith("([B");
      case "javax/crypto/spec/GCMParameterSpec" -> name.equals("<init>") && desc.startsWith("(I[B");
      case "java/security/SecureRandom" -> (name.equals("<init>") && desc.startsWith("([B")) || name.equals("setSeed");
      default -> false;
    };
  }

  /** The evidence of {@code call} if it is a sink, or {@code null}. */
  static Evidence of(CallSite call) {
    List<SymbolicValue> args = call.arguments();
    if (call.name().equals("getInstance") && !args.isEmpty()) {
      Sink sink = switch (call.owner()) {
        case "java/security/MessageDigest" -> DIGEST;
        case "javax/crypto/Cipher" -> CIPHER;
        case "java/security/Signature" -> SIGNATURE;
        case "javax/crypto/Mac" -> MAC;
        case "javax/crypto/KeyGenerator" -> KEY_GENERATOR;
        case "javax/crypto/SecretKeyFactory" -> SECRET_KEY_FACTORY;
        default -> null;
      };
      return sink == null ? null : new Evidence(sink, args.get(0), null);
    }
    return constructorOrMethod(call, args);
  }

  private static Evidence constructorOrMethod(CallSite call, List<SymbolicValue> args) {
    String key = call.owner() + "." + call.name() + call.desc();
    if (key.startsWith("java/security/KeyPairGenerator.initialize(I")) {
      return new Evidence(KEY_SIZE, call.receiver(), args.get(0));
    }
    if (key.startsWith("java/security/spec/RSAKeyGenParameterSpec.<init>(I")) {
      return new Evidence(KEY_SIZE, SymbolicValue.text("RSA"), args.get(0));
    }
    if (key.startsWith("javax/crypto/spec/SecretKeySpec.<init>([B")) {
      return new Evidence(SECRET_KEY, args.get(args.size() - 1), args.get(0));
    }
    if (key.startsWith("javax/crypto/spec/DESKeySpec.<init>([B")) {
      return new Evidence(SECRET_KEY, SymbolicValue.text("DES"), args.get(0));
    }
    if (key.startsWith("javax/crypto/spec/DESedeKeySpec.<init>([B")) {
      return new Evidence(SECRET_KEY, SymbolicValue.text("DESede"), args.get(0));
    }
    if (key.startsWith("javax/crypto/spec/IvParameterSpec.<init>([B")) {
      return new Evidence(IV, null, args.get(0));
    }
    if (key.startsWith("javax/crypto/spec/GCMParameterSpec.<init>(I[B")) {
      return new Evidence(IV, null, args.get(1));
    }
    if (key.startsWith("java/security/SecureRandom.<init>([B")
        || (key.startsWith("java/security/SecureRandom.setSeed(") && !args.isEmpty())) {
      return new Evidence(SEEDED_RANDOM, null, null);
    }
    return null;
  }
}

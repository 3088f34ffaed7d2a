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

package dev.syncview.domain;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 from copies of one prepared digest: looking the algorithm up in the JCA providers on
 * every call showed in a list request's CPU profile under load (BENCHMARKS.md, queries profile).
 * The prepared digest itself is never updated.
 */
public final class Sha256 {
  private static final MessageDigest PREPARED = lookUp();

  private Sha256() {}

  public static byte[] of(byte[] data) {
    return fresh().digest(data);
  }

  private static MessageDigest fresh() {
    try {
      return (MessageDigest) PREPARED.clone();
    } catch (CloneNotSupportedException e) {
      return lookUp(); // a provider whose digests cannot be copied: the lookup, as before
    }
  }

  private static MessageDigest lookUp() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}

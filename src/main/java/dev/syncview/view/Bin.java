package dev.syncview.view;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A minimal binary codec for store values and internal messages: big-endian fixed-width numbers,
 * length-prefixed bytes. Faster and smaller than JSON for data only this service reads.
 */
public final class Bin {
  private Bin() {}

  public static final class Writer {
    private byte[] buf;
    private int len;

    public Writer(int capacity) {
      buf = new byte[Math.max(16, capacity)];
    }

    private void ensure(int extra) {
      if (len + extra > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
      }
    }

    public Writer u8(int v) {
      ensure(1);
      buf[len++] = (byte) v;
      return this;
    }

    public Writer bool(boolean v) {
      return u8(v ? 1 : 0);
    }

    public Writer u16(int v) {
      if (v < 0 || v > 0xFFFF) {
        throw new IllegalArgumentException("u16 out of range: " + v);
      }
      ensure(2);
      buf[len++] = (byte) (v >>> 8);
      buf[len++] = (byte) v;
      return this;
    }

    public Writer i32(int v) {
      ensure(4);
      for (int shift = 24; shift >= 0; shift -= 8) {
        buf[len++] = (byte) (v >>> shift);
      }
      return this;
    }

    public Writer i64(long v) {
      ensure(8);
      for (int shift = 56; shift >= 0; shift -= 8) {
        buf[len++] = (byte) (v >>> shift);
      }
      return this;
    }

    public Writer raw(byte[] b) {
      ensure(b.length);
      System.arraycopy(b, 0, buf, len, b.length);
      len += b.length;
      return this;
    }

    /** Length-prefixed bytes; null is written as length -1. */
    public Writer bytes(byte[] b) {
      if (b == null) {
        return i32(-1);
      }
      i32(b.length);
      return raw(b);
    }

    public Writer str(String s) {
      return bytes(s == null ? null : s.getBytes(StandardCharsets.UTF_8));
    }

    /** A nullable list of strings (null is written as count -1). */
    public Writer strList(java.util.List<String> values) {
      if (values == null) {
        return i32(-1);
      }
      i32(values.size());
      values.forEach(this::str);
      return this;
    }

    public byte[] toByteArray() {
      return Arrays.copyOf(buf, len);
    }
  }

  public static final class Reader {
    private final byte[] buf;
    private int pos;

    public Reader(byte[] buf) {
      this(buf, 0);
    }

    public Reader(byte[] buf, int offset) {
      this.buf = buf;
      this.pos = offset;
    }

    public int u8() {
      return buf[pos++] & 0xFF;
    }

    public boolean bool() {
      return u8() != 0;
    }

    public int u16() {
      return (u8() << 8) | u8();
    }

    public int i32() {
      int v = 0;
      for (int i = 0; i < 4; i++) {
        v = (v << 8) | u8();
      }
      return v;
    }

    public long i64() {
      long v = 0;
      for (int i = 0; i < 8; i++) {
        v = (v << 8) | u8();
      }
      return v;
    }

    public byte[] raw(int n) {
      byte[] out = Arrays.copyOfRange(buf, pos, pos + n);
      pos += n;
      return out;
    }

    public byte[] bytes() {
      int n = i32();
      return n < 0 ? null : raw(n);
    }

    public String str() {
      byte[] b = bytes();
      return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    public java.util.List<String> strList() {
      int n = i32();
      if (n < 0) {
        return null;
      }
      String[] values = new String[n];
      for (int i = 0; i < n; i++) {
        values[i] = str();
      }
      return java.util.List.of(values);
    }

    public boolean atEnd() {
      return pos >= buf.length;
    }
  }
}

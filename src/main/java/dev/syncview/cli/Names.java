package dev.syncview.cli;

import dev.syncview.ingest.SourceParser;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Option values that end up in an API-key snapshot, checked as the service checks them
 * (docs/contract/events.md: tenant 1-128 and database names 1-256 code points of well-formed
 * text). A value the service would dead-letter is a usage error here, before anything connects.
 */
final class Names {
  static final int MAX_TENANT = SourceParser.MAX_TENANT;
  static final int MAX_DATABASE = SourceParser.MAX_DATABASE;
  /** Not a contract limit: keeps a mistyped or pasted id from making a huge record key. */
  static final int MAX_KEY_ID = 256;

  private Names() {}

  /** The databases a key is limited to: at least one, none empty. */
  record DatabaseList(List<String> names) {
    DatabaseList {
      names = List.copyOf(names);
    }
  }

  static String check(String what, String value, int max) {
    int n = value.codePointCount(0, value.length());
    if (n == 0) {
      throw new TypeConversionException(what + " must not be empty");
    }
    if (n > max) {
      throw new TypeConversionException(what + " has " + n + " characters; at most " + max + " allowed");
    }
    // argv can carry bytes that decode to lone surrogates, which cannot be written back as UTF-8
    if (value.codePoints().anyMatch(c -> c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE)) {
      throw new TypeConversionException(what + " is not valid Unicode text");
    }
    return value;
  }

  static final class Tenant implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      return check("tenant", value, MAX_TENANT);
    }
  }

  static final class KeyId implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      return check("key id", value, MAX_KEY_ID);
    }
  }

  /**
   * Comma-separated, each name checked: an empty item ({@code a,,b}, a trailing comma) is refused
   * rather than skipped, so a mangled list is an error and never a different scope.
   */
  static final class Databases implements ITypeConverter<DatabaseList> {
    @Override
    public DatabaseList convert(String value) {
      String[] items = value.split(",", -1);
      List<String> names = new ArrayList<>(items.length);
      for (int i = 0; i < items.length; i++) {
        names.add(check("database name " + (i + 1) + " of '" + value + "'", items[i], MAX_DATABASE));
      }
      return new DatabaseList(names);
    }
  }
}

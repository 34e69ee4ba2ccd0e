package dev.syncview.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the project version, written into a resource by Maven's filtering. */
public final class ProjectVersion implements IVersionProvider {
  static final String RESOURCE = "version.properties";

  @Override
  public String[] getVersion() {
    return new String[] {"sync-view " + read()};
  }

  /** Fails instead of printing a placeholder: an unfiltered resource means a broken build. */
  static String read() {
    Properties p = new Properties();
    try (InputStream in = ProjectVersion.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the classpath");
      }
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String v = p.getProperty("version", "");
    if (v.isBlank() || v.contains("${")) {
      throw new IllegalStateException(RESOURCE + " was not filtered by Maven: '" + v + "'");
    }
    return v;
  }
}

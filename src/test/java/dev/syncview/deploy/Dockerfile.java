package dev.syncview.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The instructions of a Dockerfile, stage by stage: enough to check what it builds, not to build. */
record Dockerfile(List<Stage> stages) {
  record Instruction(String keyword, String arguments) {}

  record Stage(String from, List<Instruction> instructions) {
    List<String> all(String keyword) {
      return instructions.stream().filter(i -> i.keyword().equals(keyword)).map(Instruction::arguments).toList();
    }
  }

  static Dockerfile read(Path path) throws IOException {
    List<Stage> stages = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String raw : Files.readAllLines(path)) {
      String trimmed = raw.strip();
      if (trimmed.startsWith("#") || (trimmed.isEmpty() && line.length() == 0)) {
        continue;
      }
      if (trimmed.endsWith("\\")) {
        line.append(trimmed, 0, trimmed.length() - 1).append(' ');
        continue;
      }
      line.append(trimmed);
      String[] parts = line.toString().split("\\s+", 2);
      line.setLength(0);
      Instruction i = new Instruction(parts[0].toUpperCase(), parts.length > 1 ? parts[1] : "");
      if (i.keyword().equals("FROM")) {
        stages.add(new Stage(i.arguments(), new ArrayList<>()));
      } else if (!stages.isEmpty()) {
        stages.get(stages.size() - 1).instructions().add(i);
      }
    }
    return new Dockerfile(stages);
  }

  Stage first() {
    return stages.get(0);
  }

  Stage last() {
    return stages.get(stages.size() - 1);
  }
}

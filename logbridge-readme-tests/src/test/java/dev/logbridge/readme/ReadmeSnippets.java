package dev.logbridge.readme;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The snippets a Markdown file marks for testing, grouped by quick start.
 *
 * <p>A snippet is one fenced code block between {@code <!-- snippet QUICKSTART FILE -->} and
 * {@code <!-- /snippet -->}: QUICKSTART names the quick start (a scratch project), FILE the path in
 * that project the block's text goes to. The markers are HTML comments, so a reader of the rendered
 * README sees only the code. Anything malformed (a marker never closed, no code block or two inside
 * one marker, one file named twice) is an error, never skipped, so that a snippet cannot silently
 * drop out of the test.
 *
 * <p>Immutable and thread-safe.
 */
final class ReadmeSnippets {
  private static final Pattern OPEN =
      Pattern.compile("^\\s*<!--\\s*snippet\\s+([a-z0-9-]+)\\s+(\\S+)\\s*-->\\s*$");
  private static final Pattern CLOSE = Pattern.compile("^\\s*<!--\\s*/snippet\\s*-->\\s*$");
  private static final Pattern FENCE = Pattern.compile("^(\\s*)```.*$");
  private static final Pattern ANY_SNIPPET_MARKER = Pattern.compile("<!--\\s*/?snippet\\b");

  private final Map<String, Map<String, String>> byQuickStart;

  private ReadmeSnippets(Map<String, Map<String, String>> byQuickStart) {
    this.byQuickStart = byQuickStart;
  }

  /**
   * Reads every marked snippet of {@code markdown}.
   *
   * @throws IllegalArgumentException naming the line, when a marker is malformed or a snippet has
   *     not exactly one code block
   */
  static ReadmeSnippets parse(String markdown) {
    String[] lines = markdown.split("\r?\n", -1);
    Map<String, Map<String, String>> result = new LinkedHashMap<>();
    int i = 0;
    while (i < lines.length) {
      Matcher open = OPEN.matcher(lines[i]);
      if (!open.matches()) {
        if (ANY_SNIPPET_MARKER.matcher(lines[i]).find()) {
          throw new IllegalArgumentException(
              "line "
                  + (i + 1)
                  + ": a snippet marker out of place or"
                  + " malformed (expected <!-- snippet QUICKSTART FILE --> ... <!-- /snippet -->): "
                  + lines[i]);
        }
        i++;
        continue;
      }
      String quickStart = open.group(1);
      String file = open.group(2);
      int openLine = i + 1;
      List<String> blocks = new ArrayList<>();
      i++;
      boolean closed = false;
      while (i < lines.length) {
        if (CLOSE.matcher(lines[i]).matches()) {
          closed = true;
          i++;
          break;
        }
        if (OPEN.matcher(lines[i]).matches()) {
          break;
        }
        Matcher fence = FENCE.matcher(lines[i]);
        if (fence.matches()) {
          String indent = fence.group(1);
          StringBuilder block = new StringBuilder();
          i++;
          boolean ended = false;
          while (i < lines.length) {
            if (FENCE.matcher(lines[i]).matches()) {
              ended = true;
              i++;
              break;
            }
            String line = lines[i];
            block
                .append(line.startsWith(indent) ? line.substring(indent.length()) : line.strip())
                .append('\n');
            i++;
          }
          if (!ended) {
            throw new IllegalArgumentException(
                "line "
                    + openLine
                    + ": the code block of snippet "
                    + quickStart
                    + " "
                    + file
                    + " is never closed");
          }
          blocks.add(block.toString());
          continue;
        }
        i++;
      }
      if (!closed) {
        throw new IllegalArgumentException(
            "line "
                + openLine
                + ": snippet "
                + quickStart
                + " "
                + file
                + " has no <!-- /snippet --> before the next marker or the end");
      }
      if (blocks.size() != 1) {
        throw new IllegalArgumentException(
            "line "
                + openLine
                + ": snippet "
                + quickStart
                + " "
                + file
                + " must hold exactly one code block, holds "
                + blocks.size());
      }
      Map<String, String> files = result.computeIfAbsent(quickStart, k -> new LinkedHashMap<>());
      if (files.putIfAbsent(file, blocks.get(0)) != null) {
        throw new IllegalArgumentException(
            "line " + openLine + ": quick start " + quickStart + " names " + file + " twice");
      }
    }
    Map<String, Map<String, String>> frozen = new LinkedHashMap<>();
    result.forEach((k, v) -> frozen.put(k, Collections.unmodifiableMap(v)));
    return new ReadmeSnippets(Collections.unmodifiableMap(frozen));
  }

  /** The quick starts, in the order the file first marks them. */
  List<String> quickStarts() {
    return List.copyOf(byQuickStart.keySet());
  }

  /**
   * The files of {@code quickStart}, path to text, in README order.
   *
   * @throws IllegalArgumentException when the README marks no snippet for it
   */
  Map<String, String> files(String quickStart) {
    Map<String, String> files = byQuickStart.get(quickStart);
    if (files == null) {
      throw new IllegalArgumentException(
          "the README marks no snippet for quick start \""
              + quickStart
              + "\"; marked: "
              + byQuickStart.keySet());
    }
    return files;
  }

  /**
   * The text of {@code file} in {@code quickStart}.
   *
   * @throws IllegalArgumentException when the README marks no such snippet
   */
  String file(String quickStart, String file) {
    String text = files(quickStart).get(file);
    if (text == null) {
      throw new IllegalArgumentException(
          "the README marks no snippet "
              + quickStart
              + " "
              + file
              + "; marked for "
              + quickStart
              + ": "
              + files(quickStart).keySet());
    }
    return text;
  }
}

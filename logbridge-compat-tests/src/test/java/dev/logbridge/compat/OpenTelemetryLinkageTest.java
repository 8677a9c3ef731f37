package dev.logbridge.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logbridge.Bridge;
import dev.logbridge.jul.LogBridgeHandler;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every reference logbridge's compiled classes make to an OpenTelemetry class, method or field
 * resolves on the OpenTelemetry version under test, except the few that only the version shims
 * ({@code OpenTelemetryApiSupport}, {@code OpenTelemetrySdkSupport}) make behind a probe. The
 * scenario tests only catch a missing method on the paths they happen to run; this reads the
 * constant pools of core and every adapter, so a new call into a newer API fails the build at
 * once.
 */
class OpenTelemetryLinkageTest {
  private static final Set<String> SHIMS =
      Set.of(
          "dev/logbridge/internal/OpenTelemetryApiSupport",
          "dev/logbridge/sdk/OpenTelemetrySdkSupport");

  @Test
  void everyOpenTelemetryReferenceOutsideTheShimsResolves() throws Exception {
    List<String> unresolved = new ArrayList<>();
    int scanned = 0;
    for (Class<?> anchor :
        List.of(
            Bridge.class,
            LogBridgeHandler.class,
            dev.logbridge.logback.LogBridgeAppender.class,
            dev.logbridge.log4j2.LogBridgeAppender.class)) {
      for (ClassBytes type : classesBeside(anchor)) {
        for (String ref : references(type.bytes)) {
          scanned++;
          if (!resolves(ref)) {
            unresolved.add(type.name + " -> " + ref);
          }
        }
      }
    }

    assertThat(scanned).as("OpenTelemetry references scanned").isGreaterThan(100);
    assertThat(unresolved)
        .as("unresolved on OpenTelemetry %s", Versions.expected("opentelemetry"))
        .allSatisfy(line -> assertThat(SHIMS).contains(line.substring(0, line.indexOf(" -> "))));
  }

  private static final class ClassBytes {
    final String name;
    final byte[] bytes;

    ClassBytes(String name, byte[] bytes) {
      this.name = name;
      this.bytes = bytes;
    }
  }

  /** Every class in the directory or jar {@code anchor} was loaded from. */
  private static List<ClassBytes> classesBeside(Class<?> anchor)
      throws IOException, URISyntaxException {
    Path root = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<ClassBytes> out = new ArrayList<>();
    if (Files.isDirectory(root)) {
      try (Stream<Path> files = Files.walk(root)) {
        for (Path file :
            files.filter(f -> f.toString().endsWith(".class")).collect(Collectors.toList())) {
          String name = root.relativize(file).toString().replace('\\', '/');
          out.add(new ClassBytes(name.substring(0, name.length() - 6), Files.readAllBytes(file)));
        }
      }
    } else {
      try (JarFile jar = new JarFile(root.toFile())) {
        Enumeration<JarEntry> entries = jar.entries();
        while (entries.hasMoreElements()) {
          JarEntry entry = entries.nextElement();
          if (entry.getName().endsWith(".class") && !entry.getName().startsWith("META-INF/")) {
            try (InputStream in = jar.getInputStream(entry)) {
              String name = entry.getName();
              out.add(new ClassBytes(name.substring(0, name.length() - 6), in.readAllBytes()));
            }
          }
        }
      }
    }
    assertThat(out).as("classes beside %s", anchor).isNotEmpty();
    return out;
  }

  /**
   * The OpenTelemetry references in a class file's constant pool: {@code class owner}, or {@code
   * owner.name descriptor} for methods and fields ({@code field owner.name type}).
   */
  private static Set<String> references(byte[] classFile) {
    try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(classFile))) {
      in.readInt(); // magic
      in.readUnsignedShort();
      in.readUnsignedShort();
      int count = in.readUnsignedShort();
      Object[] pool = new Object[count];
      int[][] refs = new int[count][];
      int[] tags = new int[count];
      for (int i = 1; i < count; i++) {
        int tag = in.readUnsignedByte();
        tags[i] = tag;
        switch (tag) {
          case 1:
            pool[i] = in.readUTF();
            break;
          case 3:
          case 4:
            in.readInt();
            break;
          case 5:
          case 6:
            in.readLong();
            i++;
            break;
          case 7:
          case 8:
          case 16:
          case 19:
          case 20:
            refs[i] = new int[] {in.readUnsignedShort()};
            break;
          case 9:
          case 10:
          case 11:
          case 12:
          case 17:
          case 18:
            refs[i] = new int[] {in.readUnsignedShort(), in.readUnsignedShort()};
            break;
          case 15:
            in.readUnsignedByte();
            in.readUnsignedShort();
            break;
          default:
            throw new IllegalStateException("constant pool tag " + tag);
        }
      }
      Set<String> out = new TreeSet<>();
      for (int i = 1; i < count; i++) {
        if (tags[i] == 7) {
          String name = (String) pool[refs[i][0]];
          if (name.startsWith("io/opentelemetry/")) {
            out.add("class " + name);
          }
        } else if (tags[i] == 9 || tags[i] == 10 || tags[i] == 11) {
          String owner = (String) pool[refs[refs[i][0]][0]];
          if (owner.startsWith("io/opentelemetry/")) {
            int[] nameAndType = refs[refs[i][1]];
            out.add(
                (tags[i] == 9 ? "field " : "")
                    + owner
                    + "."
                    + pool[nameAndType[0]]
                    + " "
                    + pool[nameAndType[1]]);
          }
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean resolves(String ref) {
    boolean field = ref.startsWith("field ");
    String body = field ? ref.substring(6) : ref;
    if (body.startsWith("class ")) {
      return load(body.substring(6)) != null;
    }
    int dot = body.lastIndexOf('.', body.indexOf(' '));
    Class<?> owner = load(body.substring(0, dot));
    if (owner == null) {
      return false;
    }
    String name = body.substring(dot + 1, body.indexOf(' '));
    String descriptor = body.substring(body.indexOf(' ') + 1);
    Deque<Class<?>> toVisit = new ArrayDeque<>(List.of(owner));
    Set<Class<?>> seen = new HashSet<>();
    while (!toVisit.isEmpty()) {
      Class<?> type = toVisit.poll();
      if (!seen.add(type)) {
        continue;
      }
      if (field) {
        for (Field f : type.getDeclaredFields()) {
          if (f.getName().equals(name) && f.getType().descriptorString().equals(descriptor)) {
            return true;
          }
        }
      } else if (name.equals("<init>")) {
        for (Constructor<?> c : type.getDeclaredConstructors()) {
          if (descriptor(c.getParameterTypes(), void.class).equals(descriptor)) {
            return true;
          }
        }
      } else {
        for (Method m : type.getDeclaredMethods()) {
          if (m.getName().equals(name)
              && descriptor(m.getParameterTypes(), m.getReturnType()).equals(descriptor)) {
            return true;
          }
        }
      }
      if (type.getSuperclass() != null) {
        toVisit.add(type.getSuperclass());
      } else if (type.isInterface()) {
        toVisit.add(Object.class);
      }
      toVisit.addAll(Arrays.asList(type.getInterfaces()));
    }
    return false;
  }

  private static String descriptor(Class<?>[] parameters, Class<?> result) {
    return Arrays.stream(parameters)
            .map(Class::descriptorString)
            .collect(Collectors.joining("", "(", ")"))
        + result.descriptorString();
  }

  private static Class<?> load(String internalName) {
    try {
      return Class.forName(
          internalName.replace('/', '.'), false, OpenTelemetryLinkageTest.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      return null;
    }
  }
}

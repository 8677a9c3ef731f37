package dev.logbridge.doctor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JsonDumpParserTest {

  @Test
  void readsJdk25ShapeWithLocksAndVirtualThreads() {
    String json =
        "{\"threadDump\":{\"processId\":\"1\",\"time\":\"t\",\"runtimeVersion\":\"25.0.3\","
            + "\"threadContainers\":[{\"container\":\"<root>\",\"parent\":null,\"owner\":null,\"threadCount\":\"2\","
            + "\"threads\":[{\"tid\":\"24\",\"name\":\"pt\",\"state\":\"BLOCKED\",\"blockedOn\":\"a.B@1f\","
            + "\"stack\":[\"app//a.C.run(C.java:3)\"],\"monitorsOwned\":[{\"depth\":0,\"locks\":[\"a.A@2e\",null]}]},"
            + "{\"tid\":\"22\",\"virtual\":true,\"name\":\"\",\"state\":\"WAITING\","
            + "\"parkBlocker\":{\"object\":\"java.util.concurrent.Semaphore$NonfairSync@3d\"},"
            + "\"waitingOn\":null,\"stack\":[\"java.base/jdk.internal.misc.Unsafe.park(Native Method)\"]}]}]}}";

    ThreadDump d = ThreadDumpParser.autoDetect().parse(json);

    assertThat(d.source()).isEqualTo(ThreadDump.Source.JSON);
    assertThat(d.statesKnown()).isTrue();
    assertThat(d.synchronizerOwnersKnown()).isFalse();
    DumpedThread pt = d.thread("pt");
    assertThat(pt.blockedOn()).isEqualTo(LockRef.ofIdentity("a.B@1f"));
    assertThat(pt.heldMonitors()).extracting(LockRef::className).containsExactly("a.A");
    assertThat(pt.frames().get(0).toString()).isEqualTo("a.C.run(C.java:3)");
    DumpedThread vt = d.thread("virtual#22");
    assertThat(vt.isVirtual()).isTrue();
    assertThat(vt.parkedOn().className()).isEqualTo("java.util.concurrent.Semaphore$NonfairSync");
    assertThat(vt.frames().get(0).className()).isEqualTo("jdk.internal.misc.Unsafe");
  }

  @Test
  void formatVersion2ParkBlockerOwnerBecomesAKnownOwner() {
    String json =
        "{\"threadDump\":{\"formatVersion\":2,\"threadContainers\":[{\"threads\":["
            + "{\"tid\":1,\"name\":\"a\",\"state\":\"WAITING\",\"parkBlocker\":{\"object\":\"x.L@1\",\"owner\":2},\"stack\":[]},"
            + "{\"tid\":2,\"name\":\"b\",\"state\":\"RUNNABLE\",\"stack\":[]}]}]}}";

    ThreadDump d = ThreadDumpParser.json().parse(json);

    assertThat(d.synchronizerOwnersKnown()).isTrue();
    assertThat(d.thread("a").reportedLockOwner()).isEqualTo("b");
  }

  @Test
  void jdk21ShapeHasNoStates() {
    String json =
        "{\"threadDump\":{\"threadContainers\":[{\"threads\":["
            + "{\"tid\":\"1\",\"name\":\"main\",\"stack\":[\"java.base/java.lang.Thread.sleep(Thread.java:1)\"]}]}]}}";

    ThreadDump d = ThreadDumpParser.json().parse(json);

    assertThat(d.statesKnown()).isFalse();
  }

  @Test
  void goldenJdk25VirtualCycle() {
    ThreadDump d = Dumps.parse("virtual-cycle-jdk25.json");

    assertThat(d.runtimeVersion()).startsWith("25");
    assertThat(d.thread("vt-a").isVirtual()).isTrue();
    assertThat(d.thread("vt-a").blockedOn().className()).isEqualTo("example.hang.HangChild$LockB");
    assertThat(d.thread("Finalizer").heldMonitors()).as("released by wait()").isEmpty();
  }

  @Test
  void rejectsMalformedAndForeignJson() {
    assertThatThrownBy(() -> ThreadDumpParser.json().parse("{\"threadDump\": [1,"))
        .isInstanceOf(ThreadDumpFormatException.class)
        .hasMessageContaining("malformed JSON");
    assertThatThrownBy(() -> ThreadDumpParser.json().parse("{\"hello\": 1}"))
        .isInstanceOf(ThreadDumpFormatException.class)
        .hasMessageContaining("Thread.dump_to_file");
  }
}

package dev.logbridge.doctor.cli;

import dev.logbridge.doctor.Diagnosis;
import dev.logbridge.doctor.ThreadDump;
import dev.logbridge.doctor.ThreadDumpParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code doctor analyze FILE|- [LATER_FILE]}: diagnoses one dump, or two dumps of one process taken a short
 * interval apart; text or JSON input is detected automatically.
 *
 * <p>Not thread-safe; picocli creates one instance per invocation.
 */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = "Analyse a thread dump (jstack / jcmd Thread.print text, or Thread.dump_to_file JSON)."
                + " Give two files taken a few seconds apart to tell stuck threads from slow ones.")
final class AnalyzeCommand implements Callable<Integer> {

    @Parameters(arity = "1..2", paramLabel = "FILE", description = "A dump file, or - for standard input.")
    List<String> files;

    @Mixin
    Reporting reporting;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        ThreadDump first = read(files.get(0));
        Diagnosis diagnosis = files.size() == 1 ? reporting.analyzer().analyze(first)
                : reporting.analyzer().analyze(first, read(files.get(1)));
        return reporting.print(diagnosis, spec.commandLine().getOut());
    }

    private static ThreadDump read(String file) throws IOException {
        String text;
        if (file.equals("-")) {
            InputStream in = System.in;
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } else {
            Path path = Path.of(file);
            if (!Files.isRegularFile(path)) {
                throw new IOException("no such file: " + file);
            }
            text = Files.readString(path, StandardCharsets.UTF_8);
        }
        if (text.isBlank()) {
            throw new IOException("empty input: " + file);
        }
        return ThreadDumpParser.autoDetect().parse(text);
    }
}

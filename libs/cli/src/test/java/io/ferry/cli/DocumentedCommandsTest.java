package io.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.testkit.Datasets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every {@code ferry} command line the READMEs (the project's and {@code deploy/}'s) and {@code docs/} show, in code spans and code blocks, against the
 * command itself: each names commands and options {@code ferry} has, and each command and option it names is an
 * argument in some test of the project (but the launcher's own {@code test} and {@code --rebuild}, which
 * {@link LauncherScriptTest} runs, and hidden commands that Ferry starts itself). A renamed option, a command taken out or a documented option no test passes fails
 * here, with the file and line.
 */
class DocumentedCommandsTest {

    /** {@code ferry ...} or {@code ./ferry ...} in a code span. */
    private static final Pattern SPAN = Pattern.compile("`(?:\\./)?ferry ([^`]+)`");
    /** A code block's line that runs {@code ferry}, after any environment assignments or a prompt. */
    private static final Pattern BLOCK_LINE = Pattern.compile("^\\s*(?:\\$ )?(?:[A-Z_]+=\\S+ )*(?:\\./)?ferry (.+)$");
    private static final Pattern OPTION = Pattern.compile("--[a-z][a-z0-9-]*");
    /** The launcher script's own words, not the Java command's. */
    private static final Set<String> LAUNCHER = Set.of("test", "--rebuild");

    private record Shown(String where, String args) {
    }

    private static Path root;
    private static List<Shown> shown;
    private static String tests;

    @BeforeAll
    static void read() throws IOException {
        root = Datasets.repoRoot();
        List<Path> docs = new ArrayList<>(List.of(root.resolve("README.md"), root.resolve("deploy/README.md")));
        try (Stream<Path> files = Files.walk(root.resolve("docs"))) {
            files.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        shown = new ArrayList<>();
        for (Path doc : docs) {
            shown.addAll(commands(root.relativize(doc).toString(), Files.readAllLines(doc)));
        }
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/test/java/")
                    && !p.toString().contains("/target/") && !p.endsWith("DocumentedCommandsTest.java"))
                    .forEach(p -> {
                        try {
                            all.append(Files.readString(p));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
        }
        tests = all.toString();
    }

    /** The arguments of each {@code ferry} command the lines show, joining a code block's continued lines. */
    static List<Shown> commands(String file, List<String> lines) {
        List<Shown> out = new ArrayList<>();
        boolean block = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.strip().startsWith("```")) {
                block = !block;
                continue;
            }
            String where = file + ":" + (i + 1);
            Matcher command = BLOCK_LINE.matcher(line);
            if (block && command.matches()) {
                StringBuilder args = new StringBuilder(command.group(1));
                while (args.toString().strip().endsWith("\\") && i + 1 < lines.size()) {
                    args.setLength(args.toString().strip().length() - 1);
                    args.append(' ').append(lines.get(++i).strip());
                }
                out.add(new Shown(where, args.toString().replaceAll("\\s+#.*$", "").replaceAll("\\s+", " ").strip()));
            } else if (!block) {
                Matcher span = SPAN.matcher(line);
                while (span.find()) {
                    out.add(new Shown(where, span.group(1)));
                }
            }
        }
        return out;
    }

    /** The command a line names (empty for the launcher's own words) and the options it shows. */
    private record Resolved(List<String> path, CommandLine command, Set<String> options) {
    }

    private static Resolved resolve(String args) {
        List<String> words = List.of(args.replace("\\|", "|").replaceAll("[\\[\\]]", " ").strip().split("\\s+"));
        if (LAUNCHER.contains(words.get(0))) {
            return new Resolved(List.of(), null, Set.of());
        }
        CommandLine command = FerryCli.commandLine();
        List<String> path = new ArrayList<>();
        int i = 0;
        while (i < words.size() && command.getSubcommands().containsKey(words.get(i))) {
            command = command.getSubcommands().get(words.get(i));
            path.add(words.get(i++));
        }
        Set<String> options = new LinkedHashSet<>();
        for (String word : words.subList(i, words.size())) {
            Matcher m = OPTION.matcher(word);
            if (word.startsWith("--") && m.lookingAt()) {
                options.add(m.group());
            }
        }
        return new Resolved(path, command, options);
    }

    @Test
    void theDocsShowCommands() {
        // guards the extraction itself: a change of the docs' format must not leave this test with nothing to check
        assertThat(shown).hasSizeGreaterThan(50);
        assertThat(shown).anySatisfy(s -> assertThat(s.args()).startsWith("demo"));
        assertThat(commands("x.md", List.of("```", "FERRY_DATASETS=/d ./ferry bench --preset large \\",
                "    --dir /tmp/b   # a comment", "```", "Run `ferry status RUN` or `./ferry demo --keep`.")))
                .containsExactly(new Shown("x.md:2", "bench --preset large --dir /tmp/b"),
                        new Shown("x.md:5", "status RUN"), new Shown("x.md:5", "demo --keep"));
    }

    @Test
    void everyDocumentedCommandAndOptionExists() {
        List<String> wrong = new ArrayList<>();
        for (Shown s : shown) {
            Resolved r = resolve(s.args());
            if (r.command() == null) {
                continue;
            }
            if (r.path().isEmpty() && !s.args().startsWith("--")) {
                wrong.add(s.where() + ": `ferry " + s.args() + "` names no command of ferry");
            }
            for (String option : r.options()) {
                if (r.command().getCommandSpec().findOption(option) == null) {
                    wrong.add(s.where() + ": `ferry " + s.args() + "`: `ferry " + String.join(" ", r.path())
                            + "` has no option " + option);
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void everyDocumentedCommandAndOptionIsAnArgumentInATest() {
        List<String> untested = new ArrayList<>();
        for (Shown s : shown) {
            Resolved r = resolve(s.args());
            if (r.command() != null && r.command().getCommandSpec().usageMessage().hidden()) {
                continue; // Ferry's own (estate serve, which estate up starts): every test with an estate runs it
            }
            for (String word : r.path()) {
                if (!tests.contains("\"" + word + "\"")) {
                    untested.add(s.where() + ": no test passes the command `" + word + "` (`ferry " + s.args() + "`)");
                }
            }
            for (String option : r.options()) {
                if (!tests.contains("\"" + option + "\"") && !tests.contains(option + " ")) {
                    untested.add(s.where() + ": no test passes " + option + " (`ferry " + s.args() + "`)");
                }
            }
        }
        assertThat(untested).isEmpty();
    }
}

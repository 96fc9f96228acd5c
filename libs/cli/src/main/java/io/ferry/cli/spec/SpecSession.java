package io.ferry.cli.spec;

import io.ferry.cli.ExitCodes;
import io.ferry.cli.FerryException;
import io.ferry.spec.SpecException;
import io.ferry.spec.model.Spec;
import io.ferry.spec.parse.SpecParser;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reading the spec for the spec-driven commands: a missing file is exit code 5, spec errors exit code 1,
 * each on its own line with file, line and column. PROD is read through {@link ProdSnapshot}.
 */
public final class SpecSession {

    private final Path file;
    private final Spec spec;

    private SpecSession(Path file, Spec spec) {
        this.file = file;
        this.spec = spec;
    }

    public static SpecSession open(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new FerryException(ExitCodes.NOT_FOUND, "no spec at " + file.toAbsolutePath()
                    + "; pass --spec with the path of a ferry.yaml ('ferry estate up' writes one into .ferry/estate/)");
        }
        try {
            return new SpecSession(file, SpecParser.parse(file));
        } catch (SpecException e) {
            throw specErrors(e.getMessage(), e.errors().size());
        }
    }

    public Spec spec() {
        return spec;
    }

    public Path file() {
        return file;
    }

    static FerryException specErrors(String lines, int count) {
        return new FerryException(ExitCodes.NOT_OK, count + " error(s) in the spec:\n" + lines);
    }
}

package io.ferry.cli.doctor;

import io.ferry.anonymize.AnonymizationKey;
import io.ferry.spec.model.Anonymize;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The spec's anonymization key for {@code ferry doctor}: the file exists, holds a usable key, and only its owner reads it. */
final class KeyCheck {

    private KeyCheck() {
    }

    static List<Check> check(Path specFolder, Anonymize anonymize) {
        List<Check> out = new ArrayList<>();
        Anonymize.AnonymizeKey key = anonymize == null ? null : anonymize.key();
        try {
            AnonymizationKey k = AnonymizationKey.fromSpec(specFolder, key);
            Path file = specFolder.resolve(key.file());
            out.add(Check.ok("key", "anonymization key version " + k.version() + " in " + file));
            try {
                Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
                if (perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.OTHERS_READ)) {
                    out.add(Check.warn("key", file + " is readable by others than its owner: chmod 600 " + file));
                }
            } catch (IOException | UnsupportedOperationException e) {
                // permissions unknown on this file system: nothing to advise
            }
        } catch (IllegalArgumentException e) {
            out.add(Check.fail("key", e.getMessage()));
        }
        return out;
    }
}

package io.ferry.staging;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Staging in a local folder: the embedded default. A put writes a hidden temp file beside the target,
 * syncs it, then renames it into place atomically, so a reader or a crash never leaves a partial
 * object under a key. Hidden names (starting with {@code .}) are never listed, and keys cannot name
 * them. Deleting removes folders left empty, up to the root.
 */
public final class FileSystemStaging implements Staging {

    private static final String TEMP_SUFFIX = ".ferry-tmp";
    /** How often a put makes its folder again when a concurrent delete removed it meanwhile. */
    private static final int FOLDER_ATTEMPTS = 50;

    private final Path root;

    public FileSystemStaging(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    @Override
    public void put(String key, Path localFile) {
        Path target = path(StagingKeys.requireKey(key));
        Path temp = null;
        try {
            temp = tempBeside(target);
            try (FileChannel in = FileChannel.open(localFile, StandardOpenOption.READ);
                 FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                long size = in.size();
                for (long done = 0; done < size; ) {
                    done += out.transferFrom(in, done, size - done);
                }
                out.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            temp = null;
            syncFolder(target.getParent());
        } catch (AtomicMoveNotSupportedException e) {
            throw new StagingException("staging put " + key + ": the file system cannot rename atomically", e);
        } catch (IOException e) {
            throw new StagingException("staging put " + key + " failed: " + describe(e), e);
        } finally {
            if (temp != null) {
                deleteQuietly(temp);
            }
        }
    }

    /**
     * A new temp file in the target's folder, the folder made first. A delete (in this process or another) removes
     * a folder the moment it is empty, which may fall between making it and putting the temp file in it; once the
     * temp file is there the folder is not empty and stays. So the two steps are tried again a bounded number of
     * times; a path that really is blocked (a file where a folder belongs) still fails.
     */
    private static Path tempBeside(Path target) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                Files.createDirectories(target.getParent());
                return Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", TEMP_SUFFIX);
            } catch (NoSuchFileException | FileAlreadyExistsException e) {
                if (attempt == FOLDER_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    @Override
    public void get(String key, Path localFile) {
        Path source = path(StagingKeys.requireKey(key));
        if (!Files.isRegularFile(source)) {
            throw new StagingException("staging get " + key + ": no such object");
        }
        try {
            Files.copy(source, localFile, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new StagingException("staging get " + key + " failed: " + describe(e), e);
        }
    }

    @Override
    public Optional<ObjectInfo> stat(String key) {
        Path file = path(StagingKeys.requireKey(key));
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return attributes.isRegularFile()
                    ? Optional.of(new ObjectInfo(key, attributes.size(), attributes.lastModifiedTime().toInstant()))
                    : Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StagingException("staging stat " + key + " failed: " + describe(e), e);
        }
    }

    @Override
    public List<ObjectInfo> list(String prefix) {
        String folder = StagingKeys.requirePrefix(prefix);
        Path start = folder.isEmpty() ? root : path(folder);
        if (!Files.isDirectory(start)) {
            return List.of();
        }
        List<ObjectInfo> found = new ArrayList<>();
        try {
            Files.walkFileTree(start, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path folder, BasicFileAttributes attributes) {
                    return hidden(folder) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (attributes.isRegularFile() && !hidden(file)) {
                        found.add(new ObjectInfo(keyOf(file), attributes.size(),
                                attributes.lastModifiedTime().toInstant()));
                    }
                    return FileVisitResult.CONTINUE;
                }

                /** A concurrent put renames its temp file away, a delete removes emptied folders. */
                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw e;
                }
            });
        } catch (IOException e) {
            throw new StagingException("staging list " + (folder.isEmpty() ? "(root)" : folder) + " failed: "
                    + describe(e), e);
        }
        found.sort(Comparator.comparing(ObjectInfo::key));
        return found;
    }

    @Override
    public boolean delete(String key) {
        Path file = path(StagingKeys.requireKey(key));
        try {
            boolean deleted = Files.deleteIfExists(file);
            removeEmptyFolders(file.getParent());
            return deleted;
        } catch (IOException e) {
            throw new StagingException("staging delete " + key + " failed: " + describe(e), e);
        }
    }

    @Override
    public int deletePrefix(String prefix) {
        int deleted = 0;
        for (ObjectInfo object : list(prefix)) {
            if (delete(object.key())) {
                deleted++;
            }
        }
        String folder = StagingKeys.requirePrefix(prefix);
        deleteTempFiles(folder.isEmpty() ? root : path(folder), null);
        return deleted;
    }

    @Override
    public int deleteInterruptedWrites(java.time.Instant before) {
        return deleteTempFiles(root, before);
    }

    /** Deletes the temp files of interrupted puts under {@code start} (older than {@code before} if given). */
    private int deleteTempFiles(Path start, java.time.Instant before) {
        if (!Files.isDirectory(start)) {
            return 0;
        }
        List<Path> temps = new ArrayList<>();
        try (java.util.stream.Stream<Path> files = Files.walk(start)) {
            files.filter(f -> f.getFileName().toString().endsWith(TEMP_SUFFIX)).forEach(temps::add);
        } catch (IOException | java.io.UncheckedIOException e) {
            // a folder removed while walking: what is left is found next time
        }
        int deleted = 0;
        for (Path temp : temps) {
            try {
                if ((before == null || Files.getLastModifiedTime(temp).toInstant().isBefore(before))
                        && Files.deleteIfExists(temp)) {
                    deleted++;
                    removeEmptyFolders(temp.getParent());
                }
            } catch (IOException e) {
                // gone meanwhile, or not removable now: the next sweep tries again
            }
        }
        return deleted;
    }

    private Path path(String key) {
        return root.resolve(key);
    }

    private String keyOf(Path file) {
        return root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
    }

    /** Hidden anywhere below the root: temp files, and folders no key can name. */
    private boolean hidden(Path file) {
        for (Path part : root.relativize(file)) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private void removeEmptyFolders(Path folder) throws IOException {
        for (Path current = folder; current != null && current.startsWith(root) && !current.equals(root);
                current = current.getParent()) {
            try {
                if (!Files.deleteIfExists(current)) {
                    return;
                }
            } catch (DirectoryNotEmptyException e) {
                return;
            }
        }
    }

    /** Makes the rename durable: without this a crash may forget the new name after put returned. */
    private static void syncFolder(Path folder) throws IOException {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (NoSuchFileException e) {
            // A delete took the new object and its emptied folder already: there is no name left to make durable.
        }
    }

    private static void deleteQuietly(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            // The temp name is hidden from list and keys; a leftover is only wasted space.
        }
    }

    /** The kind of failure and the path, never file contents. */
    private static String describe(IOException e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")");
    }
}

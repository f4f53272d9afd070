package org.leadhandoff.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** A copy of the shipped bpmn/ and forms/ in a temporary folder, for tests that edit and deploy models. */
final class ModelFolder {

    private ModelFolder() {
    }

    static Path copyShipped(Path target) throws IOException {
        for (String folder : new String[] {"bpmn", "forms"}) {
            Files.createDirectories(target.resolve(folder));
            try (Stream<Path> files = Files.list(Path.of(folder))) {
                for (Path f : files.toList()) {
                    Files.copy(f, target.resolve(folder).resolve(f.getFileName()));
                }
            }
        }
        return target;
    }

    /** The shipped file with {@code from} replaced by {@code to}; fails when there is nothing to replace. */
    static String edited(String resource, String from, String to) throws IOException {
        String original = Files.readString(Path.of(resource));
        if (!original.contains(from)) {
            throw new IllegalArgumentException(resource + " has no " + from);
        }
        return original.replace(from, to);
    }
}

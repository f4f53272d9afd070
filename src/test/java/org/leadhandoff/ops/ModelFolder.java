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

    /**
     * The model with {@code reminderPercent} set on one user task, as the Modeler's properties panel
     * writes it; fails when the task has no extension elements to put it in.
     */
    static String withReminderPercent(String xml, String taskId, int percent) {
        int task = xml.indexOf("id=\"" + taskId + "\"");
        String extensions = "<bpmn:extensionElements>";
        int at = xml.indexOf(extensions, task);
        if (task < 0 || at < 0 || at > xml.indexOf("</bpmn:userTask>", task)) {
            throw new IllegalArgumentException("no user task " + taskId + " with extension elements");
        }
        at += extensions.length();
        return xml.substring(0, at) + "<camunda:properties><camunda:property name=\"reminderPercent\" value=\""
                + percent + "\" /></camunda:properties>" + xml.substring(at);
    }
}

package org.leadhandoff.ops;

import java.io.Serializable;

/** One thing wrong with a model file, said so that ops can find it in Camunda Modeler: file, element, line. */
public record ModelError(String file, String elementId, Integer line, String message) implements Serializable {
}

package org.leadhandoff.ops;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Where the models live: a folder holding {@code bpmn/} and {@code forms/}. */
@ConfigurationProperties("handoff.models")
record ModelsProperties(@DefaultValue(".") Path dir) {
}

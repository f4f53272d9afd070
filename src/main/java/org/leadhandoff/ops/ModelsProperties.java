package org.leadhandoff.ops;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the models live (a folder holding {@code bpmn/} and {@code forms/}), and whether a change
 * there is deployed on its own (for development; off by default).
 */
@ConfigurationProperties("handoff.models")
record ModelsProperties(@DefaultValue(".") Path dir, @DefaultValue("false") boolean watch,
        @DefaultValue("PT2S") Duration watchInterval) {

    static ModelsProperties of(Path dir) {
        return new ModelsProperties(dir, false, Duration.ofSeconds(2));
    }
}

package org.leadhandoff.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Whether to seed the demo users, teams and (later) history. */
@ConfigurationProperties("handoff.demo")
record DemoProperties(@DefaultValue("true") boolean enabled, @DefaultValue("true") boolean history) {
}

package org.leadhandoff.support;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The application's notion of "now" follows the engine's clock, so SLA due dates and the timers
 * that watch them agree, and tests can move both at once with {@code ClockUtil}.
 */
@Configuration(proxyBeanMethods = false)
public class EngineClock extends Clock {

    @Bean
    Clock clock() {
        return this;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.fixed(instant(), zone);
    }

    @Override
    public Instant instant() {
        return ClockUtil.getCurrentTime().toInstant();
    }
}

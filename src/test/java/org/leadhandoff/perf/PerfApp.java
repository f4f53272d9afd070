package org.leadhandoff.perf;

import com.zaxxer.hikari.HikariDataSource;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.leadhandoff.LeadHandoffApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The real application (application.yml as shipped, models from ./bpmn and ./forms, demo users)
 * on one PostgreSQL database with the job executor on and a random HTTP port; only what a
 * benchmark must change is overridden.
 */
final class PerfApp implements AutoCloseable {

    static final String API_KEY = "perf-key";

    final String name;
    final ConfigurableApplicationContext context;
    final TimerProbe probe = new TimerProbe();
    final int port;
    final HikariDataSource dataSource;
    final JdbcClient db;
    final ProcessEngine engine;

    PerfApp(String name, String jdbcUrl, String user, String password, Map<String, Object> overrides) {
        this.name = name;
        Map<String, Object> p = new HashMap<>();
        p.put("server.port", "0");
        p.put("spring.datasource.url", jdbcUrl);
        p.put("spring.datasource.username", user);
        p.put("spring.datasource.password", password);
        p.put("handoff.api-keys", API_KEY);
        // demo users, teams and calendars, but no 3,000 seeded historic handoffs
        p.put("handoff.demo.history", "false");
        p.put("camunda.bpm.generate-unique-process-engine-name", "true");
        p.put("spring.datasource.generate-unique-name", "true");
        p.put("camunda.bpm.metrics.db-reporter-activate", "false");
        p.put("spring.main.banner-mode", "off");
        p.put("logging.level.root", "WARN");
        // no SMTP host: a mail is one log line; keep those lines out of the benchmark's CPU
        p.put("logging.level.org.leadhandoff.notify", "ERROR");
        p.put("logging.level.org.camunda.bpm.engine.jobexecutor", "ERROR");
        p.put("logging.level.org.camunda.bpm.engine.context", "ERROR");
        p.putAll(overrides);
        // -Dperf.app="a.b=1;c.d=2": application settings for an A/B run of every part
        for (String setting : System.getProperty("perf.app", "").split(";")) {
            int eq = setting.indexOf('=');
            if (eq > 0) {
                p.put(setting.substring(0, eq).trim(), setting.substring(eq + 1).trim());
            }
        }
        TimerProbe timers = probe;
        // as command-line arguments: they win over application.yml, as they would for java -jar
        String[] args = p.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        context = new SpringApplicationBuilder(LeadHandoffApplication.class)
                .web(WebApplicationType.SERVLET)
                .initializers(ctx -> ctx.getBeanFactory().registerSingleton("perfTimerProbe", timers))
                .run(args);
        port = ((WebServerApplicationContext) context).getWebServer().getPort();
        dataSource = (HikariDataSource) context.getBean(DataSource.class);
        db = JdbcClient.create(dataSource);
        engine = context.getBean(ProcessEngine.class);
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    ProcessEngineConfigurationImpl engineConfiguration() {
        return (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    }

    JobExecutor jobExecutor() {
        return engineConfiguration().getJobExecutor();
    }

    /** Jobs the engine ran successfully since start (its in-memory metric, the DB reporter is off). */
    long jobsSucceeded() {
        var meter = engineConfiguration().getMetricsRegistry().getDbMeters().get("job-successful");
        return meter == null ? 0 : meter.get();
    }

    /** Job executor settings, changed while it is stopped (acquisition reads them when it starts). */
    record JobSettings(String label, int waitMillis, long maxWaitMillis, int maxJobsPerAcquisition,
            boolean acquireByDueDate, boolean preferTimers) {
    }

    JobSettings jobSettings(String label) {
        JobExecutor je = jobExecutor();
        return new JobSettings(label, je.getWaitTimeInMillis(), je.getMaxWait(), je.getMaxJobsPerAcquisition(),
                engineConfiguration().isJobExecutorAcquireByDueDate(),
                engineConfiguration().isJobExecutorPreferTimerJobs());
    }

    void apply(JobSettings s) {
        JobExecutor je = jobExecutor();
        je.shutdown();
        je.setWaitTimeInMillis(s.waitMillis());
        je.setMaxWait(s.maxWaitMillis());
        je.setMaxJobsPerAcquisition(s.maxJobsPerAcquisition());
        engineConfiguration().setJobExecutorAcquireByDueDate(s.acquireByDueDate());
        engineConfiguration().setJobExecutorPreferTimerJobs(s.preferTimers());
        je.start();
    }

    @Override
    public void close() {
        context.close();
    }
}

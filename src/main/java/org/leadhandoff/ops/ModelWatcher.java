package org.leadhandoff.ops;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * For development: with {@code handoff.models.watch=true} the models folder is checked every
 * {@code handoff.models.watch-interval}; when a file changed, the set is validated and deployed and
 * the result logged. A polling check rather than a WatchService, because editors save by renaming
 * and WatchService misses or doubles such events on some file systems.
 */
@Component
class ModelWatcher implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ModelWatcher.class);

    private final ModelDeployer deployer;
    private final ModelsProperties properties;
    private ScheduledExecutorService timer;
    private String lastSeen;

    ModelWatcher(ModelDeployer deployer, ModelsProperties properties) {
        this.deployer = deployer;
        this.properties = properties;
    }

    /** What one check found. */
    enum Outcome {
        UNCHANGED, DEPLOYED, NOTHING_NEW, INVALID
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        if (!properties.watch()) {
            return;
        }
        // no fingerprint yet: the first check also deploys a change saved between start-up and now
        lastSeen = null;
        long every = Math.max(100, properties.watchInterval().toMillis());
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "model-watcher");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::checkQuietly, every, every, TimeUnit.MILLISECONDS);
        log.info("Watching {} for model changes every {} ms", deployer.source(), every);
    }

    /** Deploys the folder when its files differ from the last check. */
    synchronized Outcome check() {
        String now = fingerprint(deployer.currentFiles());
        if (now.equals(lastSeen)) {
            return Outcome.UNCHANGED;
        }
        lastSeen = now;
        try {
            List<ModelDeployer.DeployedModel> deployed = deployer.deploy("watcher", "watch");
            log.info("Models changed in {}: {}", deployer.source(), deployed.isEmpty() ? "nothing new to deploy"
                    : "deployed " + deployed);
            return deployed.isEmpty() ? Outcome.NOTHING_NEW : Outcome.DEPLOYED;
        } catch (ModelInvalidException e) {
            e.errors().forEach(error -> log.warn("Not deployed: {}{} {}: {}", error.file(),
                    error.line() == null ? "" : ":" + error.line(), error.elementId() == null ? "" : error.elementId(),
                    error.message()));
            return Outcome.INVALID;
        }
    }

    /** Remembers the folder as it is now, so the next check reports only later changes. */
    synchronized void remember() {
        lastSeen = fingerprint(deployer.currentFiles());
    }

    private void checkQuietly() {
        try {
            check();
        } catch (RuntimeException e) {
            log.warn("Model check failed: {}", e.getMessage());
        }
    }

    private static String fingerprint(Map<String, byte[]> files) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            files.forEach((name, bytes) -> {
                digest.update(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(bytes);
                digest.update((byte) 0);
            });
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void destroy() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}

package org.leadhandoff.perf;

import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;

/**
 * The reps: each new accept or discovery-call task is completed by its assignee through the
 * task API after a random think time (uniform between the bounds): accept, then log a qualified
 * call, so handoffs finish as SQL and reps' open load stays bounded.
 */
final class RepDesk implements AutoCloseable {

    private static final Map<String, Object> ACCEPT = Map.of("decision", "ACCEPT");
    private static final Map<String, Object> QUALIFIED = Map.of("outcome", "QUALIFIED", "budget", "approved",
            "authority", "VP", "need", "routing", "timeline", "this quarter");

    private final Intake intake;
    private final TaskService tasks;
    private final long thinkMinMillis;
    private final long thinkMaxMillis;
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor();
    private final ScheduledExecutorService reps = Executors.newScheduledThreadPool(8);
    private final Set<String> seen = new HashSet<>();
    final AtomicLong completed = new AtomicLong();
    /** Completions scheduled (think time running) or under way, not yet answered. */
    final AtomicLong pending = new AtomicLong();
    final AtomicLong refused = new AtomicLong();
    private volatile Date since;
    /** When the desk opened: the tasks created since then are the ones the reps answer. */
    final Date opened;

    RepDesk(PerfApp app, Intake intake, long thinkMinMillis, long thinkMaxMillis) {
        this.intake = intake;
        this.tasks = app.engine.getTaskService();
        this.thinkMinMillis = thinkMinMillis;
        this.thinkMaxMillis = thinkMaxMillis;
        this.since = new Date(System.currentTimeMillis() - 1000);
        this.opened = since;
        poller.scheduleWithFixedDelay(this::poll, 200, 200, TimeUnit.MILLISECONDS);
    }

    private void poll() {
        try {
            Date from = new Date(since.getTime() - 2000);
            List<Task> fresh = tasks.createTaskQuery().processDefinitionKey("LeadHandoff")
                    .taskCreatedAfter(from).list();
            for (Task task : fresh) {
                if (task.getAssignee() == null || !seen.add(task.getId())) {
                    continue;
                }
                if (task.getCreateTime().after(since)) {
                    since = task.getCreateTime();
                }
                Map<String, Object> values = switch (task.getTaskDefinitionKey()) {
                    case "Task_AcceptLead" -> ACCEPT;
                    case "Task_DiscoveryCall" -> QUALIFIED;
                    default -> null;
                };
                if (values == null) {
                    continue;
                }
                long think = ThreadLocalRandom.current().nextLong(thinkMinMillis, thinkMaxMillis + 1);
                String user = task.getAssignee();
                String id = task.getId();
                pending.incrementAndGet();
                reps.schedule(() -> complete(user, id, values), think, TimeUnit.MILLISECONDS);
            }
        } catch (RuntimeException e) {
            System.out.println("[perf] rep desk: " + e);
        }
    }

    private void complete(String user, String taskId, Map<String, Object> values) {
        try {
            int status = intake.completeAsRep(user, taskId, values);
            (status == 204 ? completed : refused).incrementAndGet();
        } catch (Exception e) {
            refused.incrementAndGet();
        } finally {
            pending.decrementAndGet();
        }
    }

    @Override
    public void close() throws InterruptedException {
        // the poll under way finishes first: it may still schedule completions, which a shut pool refuses
        poller.shutdown();
        poller.awaitTermination(30, TimeUnit.SECONDS);
        reps.shutdownNow();
        reps.awaitTermination(10, TimeUnit.SECONDS);
    }
}

package org.leadhandoff.perf;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutorContext;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * Records every boundary timer the job executor fires: the job's due date (engine time) and the
 * wall-clock time at which the firing transaction committed. A fire rolled back (optimistic
 * locking, failure) is not recorded; its retry is.
 */
final class TimerProbe extends AbstractProcessEnginePlugin {

    /** One committed timer fire. */
    record Fire(String activityId, String processInstanceId, long dueEngineMillis, long firedWallMillis) {
    }

    private final Queue<Fire> fires = new ConcurrentLinkedQueue<>();

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
        listeners.add(new AbstractBpmnParseListener() {
            @Override
            public void parseBoundaryTimerEventDefinition(Element timerEventDefinition, boolean interrupting,
                    ActivityImpl timerActivity) {
                timerActivity.addListener(ExecutionListener.EVENTNAME_START, (ExecutionListener) execution -> {
                    JobExecutorContext jobContext = Context.getJobExecutorContext();
                    if (jobContext == null || jobContext.getCurrentJob() == null) {
                        return;
                    }
                    JobEntity job = jobContext.getCurrentJob();
                    Date due = job.getDuedate();
                    if (due == null) {
                        return;
                    }
                    String activity = execution.getCurrentActivityId();
                    String instance = execution.getProcessInstanceId();
                    long dueMillis = due.getTime();
                    Context.getCommandContext().getTransactionContext().addTransactionListener(
                            TransactionState.COMMITTED, commandContext -> fires.add(
                                    new Fire(activity, instance, dueMillis, System.currentTimeMillis())));
                });
            }
        });
        configuration.setCustomPostBPMNParseListeners(listeners);
    }

    /** The fires recorded so far whose due date lies in [fromEngine, toEngine). */
    List<Fire> fires(String activityId, long fromEngine, long toEngine) {
        return fires.stream().filter(f -> f.activityId().equals(activityId))
                .filter(f -> f.dueEngineMillis() >= fromEngine && f.dueEngineMillis() < toEngine).toList();
    }

    int size() {
        return fires.size();
    }
}

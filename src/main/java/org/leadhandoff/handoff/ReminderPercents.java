package org.leadhandoff.handoff;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The reminder percentage ops set on a user task in the BPMN ({@code <camunda:property
 * name="reminderPercent" value="50"/>}), which overrides the SLA policy's. Read from the model of
 * the handoff's own process definition, so running handoffs keep the value they started with;
 * cached per definition, which never changes once deployed. A value that is not a whole number
 * from 1 to 99 is ignored with a warning: a typo in a model must not stop handoffs.
 */
@Component
class ReminderPercents {

    static final String PROPERTY = "reminderPercent";
    private static final Logger log = LoggerFactory.getLogger(ReminderPercents.class);

    private final RepositoryService repository;
    private final Map<String, Optional<Integer>> cache = new ConcurrentHashMap<>();

    ReminderPercents(RepositoryService repository) {
        this.repository = repository;
    }

    /** The percentage set on {@code taskId} in the execution's process definition, or null for the policy's. */
    Integer of(DelegateExecution execution, String taskId) {
        return of(execution.getProcessDefinitionId(), taskId);
    }

    Integer of(String processDefinitionId, String taskId) {
        return cache.computeIfAbsent(processDefinitionId + "#" + taskId, k -> read(processDefinitionId, taskId))
                .orElse(null);
    }

    private Optional<Integer> read(String processDefinitionId, String taskId) {
        if (!(repository.getBpmnModelInstance(processDefinitionId).getModelElementById(taskId)
                instanceof BaseElement element)) {
            return Optional.empty();
        }
        ExtensionElements extensions = element.getExtensionElements();
        if (extensions == null) {
            return Optional.empty();
        }
        return extensions.getElementsQuery().filterByType(CamundaProperties.class).list().stream()
                .flatMap(p -> p.getCamundaProperties().stream())
                .filter(p -> PROPERTY.equals(p.getCamundaName()))
                .findFirst()
                .flatMap(p -> parse(p, processDefinitionId, taskId));
    }

    private static Optional<Integer> parse(CamundaProperty property, String processDefinitionId, String taskId) {
        String value = property.getCamundaValue();
        try {
            int percent = Integer.parseInt(value == null ? "" : value.trim());
            if (percent >= 1 && percent <= 99) {
                return Optional.of(percent);
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        log.warn("{} on {} in {} is '{}', not a whole number from 1 to 99: the SLA policy's percentage applies",
                PROPERTY, taskId, processDefinitionId, value);
        return Optional.empty();
    }
}

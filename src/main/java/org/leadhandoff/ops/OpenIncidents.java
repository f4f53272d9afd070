package org.leadhandoff.ops;

import java.time.Instant;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.leadhandoff.web.NotFoundException;
import org.springframework.stereotype.Service;

/** Open incidents (a notification or CRM webhook that ran out of retries) and another try for them. */
@Service
class OpenIncidents {

    static final String FAILED_JOB = "failedJob";

    private final RuntimeService runtime;
    private final ManagementService management;
    private final RepositoryService repository;

    OpenIncidents(RuntimeService runtime, ManagementService management, RepositoryService repository) {
        this.runtime = runtime;
        this.management = management;
        this.repository = repository;
    }

    /** One open incident: where, since when, why, and whether it can be retried. */
    record OpenIncident(String id, String type, String activityId, String processInstanceId, String leadId,
            int version, Instant at, String message, String jobId, boolean retryable) {
    }

    List<OpenIncident> all() {
        return runtime.createIncidentQuery().orderByIncidentTimestamp().desc().list().stream().map(this::view).toList();
    }

    /** Gives the failed job one more try; the job executor runs it at its next poll. */
    OpenIncident retry(String incidentId) {
        Incident incident = runtime.createIncidentQuery().incidentId(incidentId).singleResult();
        if (incident == null) {
            throw new NotFoundException("No open incident " + incidentId);
        }
        if (!FAILED_JOB.equals(incident.getIncidentType()) || incident.getConfiguration() == null) {
            throw new org.leadhandoff.web.InvalidInputException("id", incidentId,
                    "is a " + incident.getIncidentType() + " incident; only failed jobs can be retried here (see Cockpit)");
        }
        OpenIncident view = view(incident);
        management.setJobRetries(incident.getConfiguration(), 1);
        return view;
    }

    private OpenIncident view(Incident i) {
        ProcessInstance instance = i.getProcessInstanceId() == null ? null
                : runtime.createProcessInstanceQuery().processInstanceId(i.getProcessInstanceId()).singleResult();
        int version = i.getProcessDefinitionId() == null ? 0
                : repository.getProcessDefinition(i.getProcessDefinitionId()).getVersion();
        return new OpenIncident(i.getId(), i.getIncidentType(), i.getActivityId(), i.getProcessInstanceId(),
                instance == null ? null : instance.getBusinessKey(), version, i.getIncidentTimestamp().toInstant(),
                i.getIncidentMessage(), FAILED_JOB.equals(i.getIncidentType()) ? i.getConfiguration() : null,
                FAILED_JOB.equals(i.getIncidentType()));
    }
}

package org.leadhandoff.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.xml.sax.SAXParseException;

/**
 * Checks a whole set of model files before any of it reaches the engine: each file must parse, keep
 * the ids and form fields the code depends on (CONTRACT.md), carry readable ids and a history
 * time-to-live, and reference only forms that exist. Every error names file, element and line, so
 * ops can find it in Camunda Modeler.
 */
final class ModelValidator {

    /** What Camunda Modeler generates when nobody names an element: Activity_1w131lg, Flow_0abc123. */
    static final Pattern GENERATED_ID = Pattern.compile("[A-Za-z]+_(?=[0-9a-z]*[0-9])[0-9a-z]{7}");

    static final String PROCESS_ID = "LeadHandoff";
    /** Elements the code and the contract refer to by id. */
    static final List<String> REQUIRED_ELEMENTS = List.of("StartEvent_LeadQualified", "Task_AcceptLead",
            "Task_DiscoveryCall", "Task_ResolveEscalation", "EndEvent_SalesQualified", "EndEvent_Recycled",
            "EndEvent_Disqualified");
    /** The contract's task keys and the form each of them shows. */
    static final Map<String, String> TASK_FORMS = Map.of("Task_AcceptLead", "AcceptLead", "Task_DiscoveryCall",
            "DiscoveryCall", "Task_ResolveEscalation", "ResolveEscalation");
    /** Form fields the code reads, with the values it understands (empty: free text). */
    static final Map<String, Map<String, List<String>>> FORM_FIELDS = Map.of(
            "AcceptLead", ordered("decision", List.of("ACCEPT", "REJECT"),
                    "rejectReason", List.of("NOT_A_FIT", "WRONG_TERRITORY", "NOT_READY", "DUPLICATE")),
            "DiscoveryCall", ordered("outcome", List.of("QUALIFIED", "NO_ANSWER", "NOT_READY", "UNQUALIFIED"),
                    "budget", List.of(), "authority", List.of(), "need", List.of(), "timeline", List.of(),
                    "notes", List.of()),
            "ResolveEscalation", ordered("action", List.of("REASSIGN", "TAKE_OVER", "RECYCLE"),
                    "newAssignee", List.of()));

    /** Diagram interchange (shapes, edges) is drawn by the Modeler and never referenced by the code. */
    private static final Set<String> DIAGRAM_NAMESPACES = Set.of("http://www.omg.org/spec/BPMN/20100524/DI",
            "http://www.omg.org/spec/DD/20100524/DC", "http://www.omg.org/spec/DD/20100524/DI",
            "https://www.omg.org/spec/DMN/20191111/DMNDI/", "http://www.omg.org/spec/DMN/20180521/DI/",
            "http://www.omg.org/spec/DMN/20180521/DC/", "http://www.omg.org/spec/DMN/20180521/DMNDI/");

    private static final ObjectMapper JSON = new ObjectMapper();
    /** How Camunda's model parser reports a schema violation: "Error: URI=null Line=29: cvc-…". */
    private static final Pattern SAX_LINE = Pattern.compile("Line=(\\d+):");

    private ModelValidator() {
    }

    /** Every error in the set of files (resource name such as {@code bpmn/LeadHandoff.bpmn} → content). */
    static List<ModelError> validate(Map<String, byte[]> files) {
        List<ModelError> errors = new ArrayList<>();
        Map<String, String> formFiles = new LinkedHashMap<>();
        Map<String, JsonNode> forms = new HashMap<>();
        Map<String, Map<String, Integer>> lines = new HashMap<>();
        Map<String, BpmnModelInstance> processes = new LinkedHashMap<>();
        files.forEach((file, bytes) -> {
            if (file.endsWith(".form")) {
                JsonNode form = readForm(file, bytes, errors);
                if (form != null) {
                    String id = form.path("id").asText("");
                    if (formFiles.containsKey(id)) {
                        errors.add(new ModelError(file, id, 1, "Form id " + id + " is used by " + formFiles.get(id)
                                + " too; each form needs its own id"));
                    }
                    formFiles.put(id, file);
                    forms.put(id, form);
                }
                return;
            }
            Map<String, Integer> ids = ids(file, bytes, errors);
            if (ids == null) {
                return;
            }
            lines.put(file, ids);
            if (file.endsWith(".bpmn")) {
                BpmnModelInstance model = readBpmn(file, bytes, errors);
                if (model != null) {
                    processes.put(file, model);
                }
            } else if (file.endsWith(".dmn")) {
                checkDmn(file, bytes, ids, errors);
            }
        });
        processes.forEach((file, model) -> checkBpmn(file, model, lines.get(file), forms, errors));
        if (processes.values().stream().noneMatch(m -> m.getModelElementById(PROCESS_ID) instanceof Process)
                && errors.stream().noneMatch(e -> e.file().endsWith(".bpmn"))) {
            errors.add(new ModelError("bpmn/" + PROCESS_ID + ".bpmn", PROCESS_ID, null,
                    "The process " + PROCESS_ID + " is missing: the application starts every handoff on it"));
        }
        forms.forEach((id, form) -> checkFormFields(formFiles.get(id), id, form, errors));
        return errors;
    }

    /** The ids Camunda Modeler generated in one file, with their lines (diagram shapes excepted). */
    static List<ModelError> generatedIds(String file, byte[] bytes) {
        List<ModelError> errors = new ArrayList<>();
        ids(file, bytes, errors);
        return errors.stream().filter(e -> e.message().startsWith("Modeler-generated")).toList();
    }

    /** Element id → line, checking well-formedness and Modeler-generated ids on the way; null when unreadable. */
    private static Map<String, Integer> ids(String file, byte[] bytes, List<ModelError> errors) {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        Map<String, Integer> ids = new LinkedHashMap<>();
        try {
            XMLStreamReader xml = factory.createXMLStreamReader(new ByteArrayInputStream(bytes));
            while (xml.hasNext()) {
                if (xml.next() == XMLStreamConstants.START_ELEMENT) {
                    String id = xml.getAttributeValue(null, "id");
                    if (id != null && !DIAGRAM_NAMESPACES.contains(xml.getNamespaceURI())) {
                        int line = xml.getLocation().getLineNumber();
                        ids.putIfAbsent(id, line);
                        if (GENERATED_ID.matcher(id).matches()) {
                            errors.add(new ModelError(file, id, line, "Modeler-generated id " + id
                                    + ": give the element a readable id such as Task_AcceptLead (Type_BusinessPhrase)"));
                        }
                    }
                }
            }
            xml.close();
        } catch (XMLStreamException e) {
            Integer line = e.getLocation() == null ? null : e.getLocation().getLineNumber();
            errors.add(new ModelError(file, null, line, "Not well-formed XML: " + firstLine(e.getMessage())));
            return null;
        }
        return ids;
    }

    private static BpmnModelInstance readBpmn(String file, byte[] bytes, List<ModelError> errors) {
        try {
            BpmnModelInstance model = Bpmn.readModelFromStream(new ByteArrayInputStream(bytes));
            Bpmn.validateModel(model);
            return model;
        } catch (RuntimeException e) {
            errors.add(new ModelError(file, null, line(e), "Not a valid BPMN model: " + reason(e)));
            return null;
        }
    }

    private static void checkBpmn(String file, BpmnModelInstance model, Map<String, Integer> lines,
            Map<String, JsonNode> forms, List<ModelError> errors) {
        for (Process process : model.getModelElementsByType(Process.class)) {
            if (process.isExecutable() && blank(process.getCamundaHistoryTimeToLiveString())) {
                errors.add(error(file, process.getId(), lines, "The process has no history time to live "
                        + "(camunda:historyTimeToLive, e.g. P180D): the engine refuses to deploy it"));
            }
        }
        ModelElementInstance handoff = model.getModelElementById(PROCESS_ID);
        if (handoff instanceof Process) {
            for (String id : REQUIRED_ELEMENTS) {
                if (model.getModelElementById(id) == null) {
                    errors.add(new ModelError(file, id, lines.get(PROCESS_ID), "The element " + id
                            + " is missing from the process " + PROCESS_ID + ": the application refers to it by id"));
                }
            }
            TASK_FORMS.forEach((taskId, formId) -> {
                if (model.getModelElementById(taskId) instanceof UserTask task
                        && !formId.equals(task.getCamundaFormRef())) {
                    errors.add(error(file, taskId, lines, "The task must show the form " + formId
                            + " (camunda:formRef=\"" + formId + "\"), not " + task.getCamundaFormRef()));
                }
            });
        }
        for (UserTask task : model.getModelElementsByType(UserTask.class)) {
            String formRef = task.getCamundaFormRef();
            if (blank(formRef)) {
                continue;
            }
            if (!forms.containsKey(formRef)) {
                errors.add(error(file, task.getId(), lines, "The form " + formRef
                        + " is referenced but absent: add forms/" + formRef + ".form (its \"id\" is the key)"));
            }
            if (blank(task.getCamundaFormRefBinding())) {
                errors.add(error(file, task.getId(), lines,
                        "camunda:formRef needs camunda:formRefBinding (use \"latest\")"));
            }
        }
    }

    private static void checkDmn(String file, byte[] bytes, Map<String, Integer> lines, List<ModelError> errors) {
        DmnModelInstance model;
        try {
            model = Dmn.readModelFromStream(new ByteArrayInputStream(bytes));
        } catch (RuntimeException e) {
            errors.add(new ModelError(file, null, line(e), "Not a valid DMN model: " + reason(e)));
            return;
        }
        for (Decision decision : model.getModelElementsByType(Decision.class)) {
            if (blank(decision.getCamundaHistoryTimeToLiveString())) {
                errors.add(error(file, decision.getId(), lines, "The decision has no history time to live "
                        + "(camunda:historyTimeToLive, e.g. P180D): the engine refuses to deploy it"));
            }
        }
    }

    private static JsonNode readForm(String file, byte[] bytes, List<ModelError> errors) {
        JsonNode form;
        try {
            form = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            Integer line = e.getLocation() == null ? null : e.getLocation().getLineNr();
            errors.add(new ModelError(file, null, line, "Not valid JSON: " + e.getOriginalMessage()));
            return null;
        } catch (java.io.IOException e) {
            errors.add(new ModelError(file, null, null, "Unreadable: " + e.getMessage()));
            return null;
        }
        if (form == null || !form.isObject() || blank(form.path("id").asText(null))) {
            errors.add(new ModelError(file, null, 1, "A form needs an \"id\": it is the key tasks reference"));
            return null;
        }
        if (!form.path("components").isArray()) {
            errors.add(new ModelError(file, form.path("id").asText(), 1, "A form needs a \"components\" list"));
            return null;
        }
        return form;
    }

    private static void checkFormFields(String file, String formId, JsonNode form, List<ModelError> errors) {
        Map<String, List<String>> needed = FORM_FIELDS.get(formId);
        if (needed == null) {
            return;
        }
        Map<String, JsonNode> fields = new HashMap<>();
        collectFields(form.path("components"), fields);
        needed.forEach((key, values) -> {
            JsonNode field = fields.get(key);
            if (field == null) {
                errors.add(new ModelError(file, formId, null, "The field " + key
                        + " is missing: the application reads it when the task is completed"));
                return;
            }
            Set<String> offered = new LinkedHashSet<>();
            field.path("values").forEach(v -> offered.add(v.path("value").asText()));
            List<String> missing = values.stream().filter(v -> !offered.contains(v)).toList();
            if (!missing.isEmpty()) {
                errors.add(new ModelError(file, field.path("id").asText(formId), null, "The field " + key
                        + " must offer the values " + values + "; missing " + missing));
            }
        });
    }

    private static void collectFields(JsonNode components, Map<String, JsonNode> fields) {
        for (JsonNode component : components) {
            if (component.hasNonNull("key")) {
                fields.putIfAbsent(component.get("key").asText(), component);
            }
            collectFields(component.path("components"), fields);
        }
    }

    private static ModelError error(String file, String elementId, Map<String, Integer> lines, String message) {
        return new ModelError(file, elementId, lines == null ? null : lines.get(elementId), message);
    }

    /** The line a schema violation was found on, when the parser said so. */
    private static Integer line(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SAXParseException sax && sax.getLineNumber() > 0) {
                return sax.getLineNumber();
            }
            java.util.regex.Matcher m = t.getMessage() == null ? null : SAX_LINE.matcher(t.getMessage());
            if (m != null && m.find()) {
                return Integer.valueOf(m.group(1));
            }
        }
        return null;
    }

    private static String reason(Throwable e) {
        Throwable deepest = e;
        while (deepest.getCause() != null && deepest.getCause() != deepest) {
            deepest = deepest.getCause();
        }
        return firstLine(deepest.getMessage() == null ? e.getMessage() : deepest.getMessage());
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        String text = message.replaceFirst("^Error: URI=\\S* Line=\\d+: ", "")
                .replaceFirst("(?s)^ParseError at \\[row,col\\]:\\[\\d+,\\d+\\]\\s*Message:\\s*", "");
        return text.lines().findFirst().orElse(text).trim();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static Map<String, List<String>> ordered(Object... pairs) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            @SuppressWarnings("unchecked")
            List<String> values = (List<String>) pairs[i + 1];
            map.put((String) pairs[i], values);
        }
        return map;
    }
}

package org.leadhandoff.tasks;

import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The task API for reps and managers. */
@RestController
@RequestMapping("/api/tasks")
class TaskController {

    private final HandoffTasks tasks;

    TaskController(HandoffTasks tasks) {
        this.tasks = tasks;
    }

    @GetMapping
    List<TaskView> open() {
        return tasks.openTasks();
    }

    @PostMapping("/{id}/complete")
    ResponseEntity<Void> complete(@PathVariable String id, @RequestBody Map<String, Object> values) {
        tasks.complete(id, values);
        return ResponseEntity.noContent().build();
    }
}

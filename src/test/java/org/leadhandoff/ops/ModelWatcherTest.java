package org.leadhandoff.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leadhandoff.support.ProcessTestBase;
import org.springframework.beans.factory.annotation.Autowired;

/** Watching the folder (development): a saved change is validated and deployed; a broken one is not. */
class ModelWatcherTest extends ProcessTestBase {

    @Autowired
    RepositoryService repository;
    @Autowired
    ModelDeployer deployer;
    @Autowired
    DeploymentLog log;
    @Autowired
    FormDefinitions forms;

    @AfterEach
    void shippedModelsAgain() {
        ClockUtil.reset();
        deployer.deploy();
    }

    @Test
    void offByDefault(@Autowired ModelsProperties properties) {
        assertThat(properties.watch()).isFalse();
    }

    @Test
    void aSavedChangeIsDeployedAndABrokenOneIsNot(@TempDir Path folder) throws IOException {
        ClockUtil.reset();
        ModelFolder.copyShipped(folder);
        ModelDeployer folderDeployer = new ModelDeployer(repository, ModelsProperties.of(folder), log, forms);
        ModelWatcher watcher = new ModelWatcher(folderDeployer, ModelsProperties.of(folder));
        watcher.remember();
        int version = latestVersion();
        assertThat(watcher.check()).isEqualTo(ModelWatcher.Outcome.UNCHANGED);

        Path bpmn = folder.resolve("bpmn/LeadHandoff.bpmn");
        Files.writeString(bpmn, ModelFolder.edited("bpmn/LeadHandoff.bpmn", "name=\"Discovery call\"",
                "name=\"Discovery call (watched)\""));
        assertThat(watcher.check()).isEqualTo(ModelWatcher.Outcome.DEPLOYED);
        assertThat(latestVersion()).isEqualTo(version + 1);
        assertThat(watcher.check()).isEqualTo(ModelWatcher.Outcome.UNCHANGED);

        Files.writeString(bpmn, Files.readString(bpmn).replace("camunda:historyTimeToLive=\"P180D\"", ""));
        assertThat(watcher.check()).isEqualTo(ModelWatcher.Outcome.INVALID);
        assertThat(latestVersion()).isEqualTo(version + 1);
        assertThat(watcher.check()).as("reported once, not every poll").isEqualTo(ModelWatcher.Outcome.UNCHANGED);
    }

    private int latestVersion() {
        return repository.createProcessDefinitionQuery().processDefinitionKey("LeadHandoff").latestVersion()
                .singleResult().getVersion();
    }
}

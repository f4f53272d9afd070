package org.leadhandoff.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leadhandoff.support.ProcessTestBase;
import org.springframework.beans.factory.annotation.Autowired;

/** Deploying from the models folder: unchanged files make no new version, wherever the folder lives. */
class ModelDeployerTest extends ProcessTestBase {

    @Autowired
    RepositoryService repository;
    @Autowired
    ModelDeployer deployer;

    /**
     * Deployments are ordered by their deployment time, which follows the engine clock. The base
     * class pins that clock to a fixed day, possibly before the application deployed at start-up;
     * ops deploy in real time, so these tests do too.
     */
    @BeforeEach
    void realTime() {
        ClockUtil.reset();
    }

    @Test
    void unchangedModelsMakeNoNewVersionEvenFromAnotherFolder(@TempDir Path elsewhere) throws IOException {
        long versions = versions();
        assertThat(deployer.deploy()).isEmpty();
        copyModels(elsewhere);
        assertThat(new ModelDeployer(repository, new ModelsProperties(elsewhere)).deploy()).isEmpty();
        assertThat(versions()).isEqualTo(versions);
    }

    @Test
    void aChangedFileDeploysANewVersionWithItsForms(@TempDir Path edited) throws IOException {
        copyModels(edited);
        Path bpmn = edited.resolve("bpmn/LeadHandoff.bpmn");
        Files.writeString(bpmn, Files.readString(bpmn).replace("name=\"Lead handoff\"", "name=\"Lead handoff (edited)\""));
        int before = latestVersion();
        // the whole set is redeployed, so the DMN decisions beside the process get a version too
        assertThat(new ModelDeployer(repository, new ModelsProperties(edited)).deploy())
                .contains(new ModelDeployer.DeployedModel("LeadHandoff", before + 1));
        String deployment = repository.createProcessDefinitionQuery().processDefinitionKey("LeadHandoff")
                .latestVersion().singleResult().getDeploymentId();
        assertThat(repository.getDeploymentResourceNames(deployment))
                .contains("bpmn/LeadHandoff.bpmn", "forms/AcceptLead.form", "forms/DiscoveryCall.form",
                        "forms/ResolveEscalation.form");
        // the shipped models are the latest again, so other tests see what ships
        assertThat(deployer.deploy()).contains(new ModelDeployer.DeployedModel("LeadHandoff", before + 2));
    }

    private long versions() {
        return repository.createProcessDefinitionQuery().processDefinitionKey("LeadHandoff").count();
    }

    private int latestVersion() {
        return repository.createProcessDefinitionQuery().processDefinitionKey("LeadHandoff").latestVersion()
                .singleResult().getVersion();
    }

    private static void copyModels(Path target) throws IOException {
        for (String folder : new String[] {"bpmn", "forms"}) {
            Files.createDirectories(target.resolve(folder));
            try (Stream<Path> files = Files.list(Path.of(folder))) {
                for (Path f : files.toList()) {
                    Files.copy(f, target.resolve(folder).resolve(f.getFileName()));
                }
            }
        }
    }
}

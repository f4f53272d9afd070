package org.leadhandoff.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leadhandoff.lead.Lead;
import org.leadhandoff.web.BrowserTestBase;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Oscar changes the process from the browser: uploads an edited LeadHandoff.bpmn on /ops, sees the
 * new version and the live diagram, migrates the running handoff and sees it on the new diagram; the
 * new version's accept reminder percentage applies to leads offered after it.
 */
class OpsBrowserTest extends BrowserTestBase {

    @Autowired
    ModelDeployer deployer;
    @Autowired
    RepositoryService repository;
    @Autowired
    JdbcClient jdbc;

    private Path shipped;

    @AfterEach
    void shippedModelsAgain() {
        if (shipped != null) {
            deployer.moveTo(shipped);
            deployer.deploy();
        }
    }

    @Test
    void oscarUploadsAnEditedModelSeesTheNewVersionAndMigratesTheRunningHandoff(@TempDir Path folder)
            throws IOException {
        shipped = deployer.folder();
        deployer.moveTo(ModelFolder.copyShipped(folder));
        int before = latestVersion();
        Lead lead = highLeadFor("alice");

        signIn("oscar");
        driver.get(url("/ops"));
        visible(By.cssSelector("#diagram.drawn svg"));
        assertThat(driver.findElements(By.cssSelector("#diagram [data-element-id='Task_AcceptLead']"))).isNotEmpty();
        waiting().until(d -> !d.findElements(By.cssSelector("#diagram .ops-badges[data-activity='Task_AcceptLead']")).isEmpty());
        screenshots("ops");

        Path edited = Files.createTempDirectory("upload").resolve("LeadHandoff.bpmn");
        Files.writeString(edited, ModelFolder.edited("bpmn/LeadHandoff.bpmn", " camunda:historyTimeToLive=\"P180D\"", ""));
        driver.findElement(By.id("model-file")).sendKeys(edited.toAbsolutePath().toString());
        driver.findElement(By.cssSelector("#upload button[type=submit]")).click();
        assertThat(visible(By.cssSelector(".flash.warning")).getText()).contains("Nothing was deployed");
        assertThat(driver.findElement(By.id("model-errors")).getText())
                .contains("bpmn/LeadHandoff.bpmn:3").contains("LeadHandoff").contains("history time to live");
        assertThat(latestVersion()).isEqualTo(before);
        screenshots("ops-refused");

        // oscar renames the accept task and sets its reminder to 50 % of the accept SLA (the shipped model uses 75 %)
        Files.writeString(edited, ModelFolder.withReminderPercent(ModelFolder.edited("bpmn/LeadHandoff.bpmn",
                "name=\"Accept lead\"", "name=\"Accept or reject lead\""), "Task_AcceptLead", 50));
        driver.findElement(By.id("model-file")).sendKeys(edited.toAbsolutePath().toString());
        driver.findElement(By.cssSelector("#upload button[type=submit]")).click();

        WebElement flash = visible(By.cssSelector(".flash.success"));
        assertThat(flash.getText()).contains("LeadHandoff v" + (before + 1));
        assertThat(driver.findElement(By.cssSelector("#model-versions tr[data-key='LeadHandoff']")).getAttribute("data-version"))
                .isEqualTo(String.valueOf(before + 1));
        assertThat(driver.findElement(By.cssSelector("#model-versions tr[data-key='LeadHandoff'] td:nth-child(5)")).getText())
                .isEqualTo("oscar");
        assertThat(driver.findElement(By.cssSelector("#live .sub")).getText()).contains("version " + (before + 1));
        visible(By.cssSelector("#diagram.drawn svg"));
        String label = (String) ((JavascriptExecutor) driver).executeScript(
                "return document.querySelector(\"#diagram [data-element-id='Task_AcceptLead'] text\").textContent");
        assertThat(label).contains("reject");
        assertThat(Files.readString(folder.resolve("bpmn/LeadHandoff.bpmn"))).contains("Accept or reject lead");

        WebElement migrate = visible(By.cssSelector("#migration form button[type=submit]"));
        assertThat(driver.findElement(By.cssSelector("#migration .movable")).getText()).startsWith("1 ");
        screenshots("ops-uploaded");
        migrate.click();
        assertThat(visible(By.cssSelector(".flash.success")).getText()).contains("from version " + before);
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> {
            d.navigate().refresh();
            return !d.findElements(By.cssSelector("#diagram .ops-badges[data-activity='Task_AcceptLead']")).isEmpty()
                    && d.findElement(By.cssSelector("#batches .progress")).getText().contains("done");
        });
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(lead.handoffId()).singleResult()
                .getProcessDefinitionId()).isEqualTo(repository.createProcessDefinitionQuery()
                .processDefinitionKey("LeadHandoff").latestVersion().singleResult().getId());
        screenshots("ops-migrated");

        // the migrated handoff keeps the reminder its clock started with; a lead offered now is reminded at 50 %
        assertThat(reminderPercent(lead)).isEqualTo(75);
        assertThat(reminderPercent(highLeadFor("alice"))).isEqualTo(50);
    }

    private int reminderPercent(Lead lead) {
        return jdbc.sql("select reminder_percent from sla_clocks where lead_id = ? and kind = 'ACCEPT'")
                .param(lead.id()).query(Integer.class).single();
    }

    private int latestVersion() {
        return repository.createProcessDefinitionQuery().processDefinitionKey("LeadHandoff").latestVersion()
                .singleResult().getVersion();
    }
}

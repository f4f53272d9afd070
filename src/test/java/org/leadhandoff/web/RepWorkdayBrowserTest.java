package org.leadhandoff.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.leadhandoff.lead.Lead;
import org.leadhandoff.lead.Stage;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** A rep's day in a real browser: inbox, accept, discovery call, lead page; and what they may not open. */
class RepWorkdayBrowserTest extends BrowserTestBase {

    private List<WebElement> myTaskRows() {
        return driver.findElements(By.cssSelector("#my-tasks tbody tr"));
    }

    private void openRowOf(Lead lead) {
        visible(By.cssSelector("#my-tasks tr[data-lead='" + lead.id() + "'] a.button")).click();
        visible(By.id("task-form"));
    }

    @Test
    void aliceAcceptsHerLeadLogsAQualifiedCallAndTheLeadPageShowsSql() throws Exception {
        Lead lead = highLeadFor("alice");
        signIn("alice");
        assertThat(driver.getCurrentUrl()).endsWith("/inbox");
        visible(By.id("my-tasks"));
        WebElement top = myTaskRows().get(0);
        assertThat(top.getAttribute("data-lead")).isEqualTo(lead.id());
        assertThat(top.getText()).contains("Accept lead", lead.displayName(), lead.company(), "High");
        assertThat(top.findElement(By.cssSelector(".countdown")).getAttribute("class")).contains("on-track");
        screenshots("inbox");

        openRowOf(lead);
        screenshots("task-accept");
        driver.findElement(By.cssSelector("input[name=decision][value=ACCEPT]")).click();
        driver.findElement(By.cssSelector("#task-form button[type=submit]")).click();
        assertThat(visible(By.cssSelector(".flash.success")).getText()).contains("Accept lead done for " + lead.displayName());
        assertThat(leads.get(lead.id()).stage()).isEqualTo(Stage.SAL);

        WebElement call = visible(By.cssSelector("#my-tasks tr[data-lead='" + lead.id() + "']"));
        assertThat(call.getText()).contains("Discovery call");
        openRowOf(lead);
        driver.findElement(By.cssSelector("input[name=outcome][value=QUALIFIED]")).click();
        // the form's own condition shows the BANT fields once the call is qualified
        visible(By.id("budget")).sendKeys("EUR 40k this year");
        driver.findElement(By.id("authority")).sendKeys("Lena signs; CFO co-signs");
        driver.findElement(By.id("need")).sendKeys("Leads lost between marketing and sales");
        driver.findElement(By.id("timeline")).sendKeys("Pilot in Q1");
        driver.findElement(By.id("notes")).sendKeys("Wants a demo for the sales leads next week.");
        screenshots("task-discovery-call");
        driver.findElement(By.cssSelector("#task-form button[type=submit]")).click();
        assertThat(visible(By.cssSelector(".flash.success")).getText()).contains("Discovery call done");

        driver.get(url("/leads/" + lead.id()));
        assertThat(visible(By.id("stage")).getText()).isEqualTo("SQL");
        assertThat(driver.findElement(By.id("history-list")).getText()).contains("SAL", "SQL", "by alice");
        assertThat(driver.findElement(By.tagName("body")).getText()).contains("Lena signs; CFO co-signs");
        screenshots("lead");
    }

    @Test
    void aNewLeadAppearsInTheOpenInboxWithoutReloadingThePage() {
        signIn("alice");
        visible(By.id("inbox-tasks"));
        ((JavascriptExecutor) driver).executeScript("window.sameDocument = true");
        Lead lead = highLeadFor("alice");
        new WebDriverWait(driver, Duration.ofSeconds(40)).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#my-tasks tr[data-lead='" + lead.id() + "']")));
        assertThat(((JavascriptExecutor) driver).executeScript("return window.sameDocument")).isEqualTo(true);
    }

    @Test
    void aFormLeftIncompleteShowsTheErrorBesideTheFieldAndKeepsWhatWasChosen() throws Exception {
        Lead lead = highLeadFor("alice");
        signIn("alice");
        openRowOf(lead);
        driver.findElement(By.cssSelector("#task-form button[type=submit]")).click();
        assertThat(visible(By.cssSelector("#field-decision .error")).getText()).isEqualTo("This field is required.");

        driver.findElement(By.cssSelector("input[name=decision][value=REJECT]")).click();
        visible(By.id("rejectReason"));
        driver.findElement(By.cssSelector("#task-form button[type=submit]")).click();
        assertThat(visible(By.cssSelector("#field-rejectReason .error")).getText()).isEqualTo("This field is required.");
        assertThat(driver.findElement(By.cssSelector("input[name=decision][value=REJECT]")).isSelected()).isTrue();
        screenshots("task-accept-errors");
        assertThat(openTask(lead).getTaskDefinitionKey()).isEqualTo("Task_AcceptLead");
        assertThat(leads.get(lead.id()).stage()).isEqualTo(Stage.MQL);
    }

    @Test
    void bobCannotOpenAlicesTaskOrLead() throws Exception {
        Lead lead = highLeadFor("alice");
        Task task = openTask(lead);
        signIn("bob");
        assertThat(driver.findElements(By.cssSelector("#my-tasks tr[data-lead='" + lead.id() + "']"))).isEmpty();
        driver.get(url("/tasks/" + task.getId()));
        assertThat(visible(By.tagName("h1")).getText()).isEqualTo("Not yours to see");
        assertThat(driver.findElements(By.id("task-form"))).isEmpty();
        screenshots("forbidden");
        driver.get(url("/leads/" + lead.id()));
        assertThat(visible(By.tagName("h1")).getText()).isEqualTo("Not yours to see");
        assertThat(openTask(lead).getAssignee()).isEqualTo("alice");
    }

    @Test
    void aTaskCompletedElsewhereMeanwhileGivesAClearMessage() throws Exception {
        Lead lead = highLeadFor("alice");
        Task task = openTask(lead);
        signIn("alice");
        openRowOf(lead);
        driver.findElement(By.cssSelector("input[name=decision][value=ACCEPT]")).click();
        // meanwhile the same task is completed in another tab, or its SLA fires
        runtime.deleteProcessInstance(task.getProcessInstanceId(), "completed elsewhere");
        driver.findElement(By.cssSelector("#task-form button[type=submit]")).click();
        waiting().until(ExpectedConditions.urlContains("/inbox"));
        assertThat(visible(By.cssSelector(".flash.warning")).getText()).contains("That task is no longer open");
    }

    @Test
    void bobClaimsALeadFromTheTeamQueueAndRejectsItWithAReason() throws Exception {
        Lead lead = highLeadFor("alice");
        // nobody could take it when it came in: it waits in team emea's queue
        tasks.setAssignee(openTask(lead).getId(), null);
        signIn("bob");
        WebElement queued = visible(By.cssSelector("#queue-tasks tr[data-lead='" + lead.id() + "']"));
        assertThat(queued.getText()).contains(lead.displayName(), "Accept lead");
        screenshots("inbox-queue");
        queued.findElement(By.cssSelector("form button[type=submit]")).click();
        assertThat(visible(By.cssSelector(".flash.success")).getText()).contains("The lead is yours now");
        assertThat(openTask(lead).getAssignee()).isEqualTo("bob");

        // claiming opens the lead's task form at once
        visible(By.id("task-form"));
        driver.findElement(By.cssSelector("input[name=decision][value=REJECT]")).click();
        new org.openqa.selenium.support.ui.Select(visible(By.id("rejectReason"))).selectByValue("NOT_READY");
        driver.findElement(By.cssSelector("#task-form button[type=submit]")).click();
        assertThat(visible(By.cssSelector(".flash.success")).getText()).contains("Accept lead done for " + lead.displayName());

        assertThat(leads.get(lead.id()).stage()).isEqualTo(Stage.RECYCLED);
        driver.get(url("/leads/" + lead.id()));
        assertThat(visible(By.id("stage")).getText()).isEqualTo("RECYCLED");
        assertThat(driver.findElement(By.id("history-list")).getText()).contains("RECYCLED", "by bob", "Not ready to buy");
    }
}

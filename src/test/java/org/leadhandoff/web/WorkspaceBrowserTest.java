package org.leadhandoff.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.leadhandoff.lead.Lead;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

/** The other pages in a real browser: sign-in and out, the bell, a manager's escalations, ops, Camunda's webapps. */
class WorkspaceBrowserTest extends BrowserTestBase {

    @Autowired
    IdentityService identity;
    @Autowired
    ProcessEngine engine;

    /** A Camunda webapp's page for this test's engine (its name is unique per test context). */
    private String camunda(String app) {
        return url("/camunda/app/" + app + "/" + engine.getName() + "/");
    }

    @Test
    void aWrongPasswordSaysSoAndSigningOutEndsTheSession() throws Exception {
        // a user of its own: Camunda makes a user wait a few seconds after a wrong password
        User user = identity.newUser("wrong-pw-" + System.nanoTime());
        user.setPassword("right");
        identity.saveUser(user);
        driver.get(url("/inbox"));
        waiting().until(ExpectedConditions.urlContains("/login"));
        screenshots("login");
        visible(By.id("username")).sendKeys(user.getId());
        driver.findElement(By.id("password")).sendKeys("wrong");
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        assertThat(visible(By.cssSelector(".flash.warning")).getText()).contains("Wrong user name or password");

        signIn("carol");
        assertThat(visible(By.tagName("h1")).getText()).isEqualTo("Inbox");
        signOut();
        assertThat(visible(By.cssSelector(".flash.success")).getText()).isEqualTo("You are signed out.");
        driver.get(url("/inbox"));
        waiting().until(ExpectedConditions.urlContains("/login"));
    }

    @Test
    void theBellCountsNewLeadsAndLeadsToThem() throws Exception {
        Lead lead = highLeadFor("alice");
        signIn("alice");
        String count = visible(By.cssSelector("#bell .badge")).getText();
        assertThat(Integer.parseInt(count)).isPositive();
        driver.findElement(By.id("bell")).click();
        assertThat(visible(By.cssSelector(".notices")).getText()).contains("New lead for you: " + lead.displayName());
        screenshots("notifications");
        driver.findElement(By.cssSelector("form[action='/notifications/read'] button")).click();
        waiting().until(d -> d.findElements(By.cssSelector("#bell .badge")).isEmpty()
                && !d.findElements(By.cssSelector(".notices li.read")).isEmpty());
    }

    @Test
    void aManagerSeesTheBreachedLeadAndResolvesItByReassigning() throws Exception {
        Lead lead = normalLead();
        Task escalation = await().atMost(Duration.ofSeconds(30)).until(() -> openTask(lead),
                t -> "Task_ResolveEscalation".equals(t.getTaskDefinitionKey()));
        signIn("maria");
        assertThat(driver.getCurrentUrl()).endsWith("/escalations");
        assertThat(visible(By.cssSelector("#escalation-tasks tr[data-task='" + escalation.getId() + "']")).getText())
                .contains(lead.displayName(), "amer");
        screenshots("escalations");
        driver.findElement(By.cssSelector("tr[data-task='" + escalation.getId() + "'] a.button")).click();
        driver.findElement(By.cssSelector("input[name=action][value=REASSIGN]")).click();
        visible(By.id("newAssignee"));
        screenshots("task-escalation");
        driver.findElement(By.cssSelector("#task-form button[type=submit]")).click();
        waiting().until(ExpectedConditions.urlContains("/inbox"));
        Task offered = await().atMost(Duration.ofSeconds(30)).until(() -> openTask(lead),
                t -> "Task_AcceptLead".equals(t.getTaskDefinitionKey()));
        assertThat(offered.getAssignee()).isIn("carol", "dave");
    }

    @Test
    void opsGetLinksAndCockpitWithoutASecondSignIn() throws Exception {
        signIn("oscar");
        assertThat(visible(By.tagName("h1")).getText()).isEqualTo("Welcome");
        screenshots("home-ops");
        driver.get(camunda("cockpit"));
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "Oscar Olsen"));
        assertThat(driver.findElements(By.cssSelector("input[name=username]"))).isEmpty();
        screenshots("camunda-cockpit");
        driver.get(camunda("admin"));
        assertThat(visible(By.tagName("h1")).getText()).isEqualTo("Not yours to see");
    }

    @Test
    void repsOpenTasklistWithoutASecondSignInButNotCockpit() throws Exception {
        signIn("alice");
        driver.get(camunda("tasklist"));
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "Alice Adams"));
        assertThat(driver.findElements(By.cssSelector("input[name=username]"))).isEmpty();
        screenshots("camunda-tasklist");
        driver.get(camunda("cockpit"));
        assertThat(visible(By.tagName("h1")).getText()).isEqualTo("Not yours to see");
    }
}

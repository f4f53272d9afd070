package org.leadhandoff.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.leadhandoff.lead.Lead;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The manager's dashboard in a real browser: the chart draws, the table sorts, a breach shows up live. */
class DashboardBrowserTest extends BrowserTestBase {

    @Test
    void aBreachedLeadAppearsAtRiskWithoutReloadingAndTheRepTableSorts() throws Exception {
        signIn("maria");
        driver.get(url("/dashboard?team=amer"));
        visible(By.id("tiles"));
        // NORMAL leads have three seconds to be accepted here: this one breaches while maria watches
        Lead lead = normalLead();
        WebElement row = new WebDriverWait(driver, Duration.ofSeconds(40)).until(d -> d.findElements(
                By.cssSelector("#at-risk-list tr[data-lead='" + lead.id() + "']")).stream().findFirst().orElse(null));
        new WebDriverWait(driver, Duration.ofSeconds(40)).until(d -> d.findElement(
                By.cssSelector("#at-risk-list tr[data-lead='" + lead.id() + "']")).getText().contains("Resolve"));
        assertThat(driver.findElement(By.cssSelector("#at-risk-list tr[data-lead='" + lead.id() + "']")).getText())
                .contains(lead.displayName(), "Escalation");
        assertThat(row).isNotNull();
        // Chart.js drew the trend into its canvas
        Object drawn = ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
                "return typeof Chart !== 'undefined' && Chart.getChart(document.getElementById('trend-chart')) != null");
        assertThat(drawn).isEqualTo(true);

        driver.navigate().refresh();
        visible(By.id("rep-table"));
        WebElement breaches = driver.findElements(By.cssSelector("#rep-table th button.sort")).get(3);
        breaches.click();
        breaches.click();
        var counts = driver.findElements(By.cssSelector("#rep-table tbody tr td:nth-child(4)")).stream()
                .map(td -> Long.parseLong(td.getText().trim())).toList();
        assertThat(counts).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        screenshots("dashboard");
    }
}

package org.leadhandoff.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.leadhandoff.web.BrowserTestBase;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.springframework.beans.factory.annotation.Autowired;

/** A manager changes a rep's weight and books their leave in the browser, on a desktop and a phone. */
class RepsBrowserTest extends BrowserTestBase {

    @Autowired
    Teams teams;

    @Test
    void aManagerChangesARepsWeightAndBooksTheirLeave() throws Exception {
        try {
            signIn("maria");
            driver.get(url("/reps"));
            assertThat(visible(By.id("reps")).getText()).contains("alice", "bob", "carol", "dave", "of 50");
            screenshots("reps");

            driver.findElement(By.cssSelector("tr[data-rep='bob'] a.button")).click();
            visible(By.id("rep-form"));
            driver.findElement(By.id("weight")).clear();
            driver.findElement(By.id("weight")).sendKeys("2");
            driver.findElement(By.cssSelector("#rep-form button[type=submit]")).click();
            assertThat(visible(By.cssSelector(".flash.success")).getText()).contains("Saved: bob");
            assertThat(driver.findElement(By.cssSelector("tr[data-rep='bob']")).getText()).contains("2");

            driver.findElement(By.cssSelector("tr[data-rep='bob'] a.button")).click();
            // date inputs take typed text in the browser's locale; set the ISO value the form sends
            ((JavascriptExecutor) driver).executeScript(
                    "document.getElementById('from').value='2027-07-01'; document.getElementById('to').value='2027-07-14';");
            driver.findElement(By.cssSelector("#leave-form button[type=submit]")).click();
            assertThat(visible(By.cssSelector(".flash.success")).getText()).contains("Leave added for bob");
            assertThat(driver.findElement(By.cssSelector("ul.leave.periods")).getText())
                    .contains("2027-07-01 \u2013 2027-07-14");
            screenshots("rep-form");
        } finally {
            teams.update("bob", true, 1, 50);
            teams.replaceLeave("bob", List.of());
        }
    }
}

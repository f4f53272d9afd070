package org.leadhandoff.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.leadhandoff.support.ProcessTestBase;
import org.leadhandoff.support.SignIn;
import org.leadhandoff.web.Flash;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** The manager's reps page: the list with load and leave, the change form, leave periods, and who may see it. */
class RepPageTest extends ProcessTestBase {

    @Autowired
    MockMvc mvc;
    @Autowired
    Teams teams;

    @AfterEach
    void restoreDemoReps() {
        for (String rep : List.of("alice", "bob", "carol", "dave")) {
            teams.update(rep, true, 1, 50);
            teams.replaceLeave(rep, List.of());
        }
    }

    private Rep rep(String user) {
        return teams.rep(user).map(r -> new Rep(r.userId(), r.team(), r.active(), r.weight(), r.capacity(),
                r.openHandoffs(), teams.leave(List.of(user)).getOrDefault(user, List.of()))).orElseThrow();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theListShowsEveryRepWithLoadWeightStatusAndLeave() throws Exception {
        // today (23 Nov 2026 in Berlin) bob is away
        teams.replaceLeave("bob", List.of(new Leave(LocalDate.of(2026, 11, 20), LocalDate.of(2026, 11, 27))));
        teams.update("carol", false, 1, 50);
        MockHttpSession maria = SignIn.as(mvc, "maria");
        MvcResult result = mvc.perform(get("/reps").session(maria))
                .andExpect(status().isOk()).andExpect(view().name(RepPageController.LIST))
                .andExpect(content().string(containsString("On leave today")))
                .andExpect(content().string(containsString("Inactive")))
                .andExpect(content().string(containsString("2026-11-20 \u2013 2026-11-27")))
                .andExpect(content().string(containsString("href=\"/reps/alice\"")))
                .andReturn();
        List<RepPageController.Row> rows = (List<RepPageController.Row>) result.getModelAndView().getModel().get("rows");
        assertThat(rows).extracting(r -> r.rep().user()).containsExactlyInAnyOrder("alice", "bob", "carol", "dave");
        assertThat(rows).filteredOn(r -> r.rep().user().equals("bob")).singleElement()
                .satisfies(r -> assertThat(r.away()).isTrue());
        assertThat(rows).filteredOn(r -> r.rep().user().equals("alice")).singleElement()
                .satisfies(r -> {
                    assertThat(r.away()).isFalse();
                    assertThat(r.rep().capacity()).isEqualTo(50);
                });
    }

    @Test
    void theFormChangesWeightCapacityAndActiveAndSaysSo() throws Exception {
        MockHttpSession maria = SignIn.as(mvc, "maria");
        mvc.perform(get("/reps/alice").session(maria))
                .andExpect(status().isOk()).andExpect(view().name(RepPageController.FORM))
                .andExpect(content().string(containsString("name=\"weight\"")))
                .andExpect(content().string(containsString("value=\"50\"")))
                .andExpect(content().string(containsString("name=\"_csrf\"")));
        MvcResult saved = mvc.perform(post("/reps/alice").session(maria).with(csrf())
                        .param("weight", "3").param("capacity", "20"))
                .andExpect(redirectedUrl("/reps")).andReturn();
        assertThat(((Flash) saved.getFlashMap().get(Flash.ATTRIBUTE)).code()).isEqualTo("reps.saved");
        Rep alice = rep("alice");
        assertThat(alice.weight()).isEqualTo(3);
        assertThat(alice.capacity()).isEqualTo(20);
        // the box was not ticked: alice takes no new leads
        assertThat(alice.active()).isFalse();
        mvc.perform(post("/reps/alice").session(maria).with(csrf())
                        .param("active", "true").param("weight", "3").param("capacity", "20"))
                .andExpect(redirectedUrl("/reps"));
        assertThat(rep("alice").active()).isTrue();
        mvc.perform(get("/reps").session(maria))
                .andExpect(content().string(containsString("Saved: alice")));
    }

    @Test
    void badValuesShowTheFormWithErrorsAndChangeNothing() throws Exception {
        MockHttpSession maria = SignIn.as(mvc, "maria");
        mvc.perform(post("/reps/alice").session(maria).with(csrf())
                        .param("active", "true").param("weight", "0").param("capacity", "1001"))
                .andExpect(status().isOk()).andExpect(view().name(RepPageController.FORM))
                .andExpect(model().attributeHasFieldErrors("repForm", "weight", "capacity"))
                .andExpect(content().string(containsString("The weight must be at least 1.")))
                .andExpect(content().string(containsString("The capacity must be at most 1000.")))
                .andExpect(content().string(containsString("value=\"1001\"")));
        mvc.perform(post("/reps/alice").session(maria).with(csrf())
                        .param("active", "true").param("weight", "2").param("capacity", "lots"))
                .andExpect(status().isOk()).andExpect(view().name(RepPageController.FORM))
                .andExpect(model().attributeHasFieldErrors("repForm", "capacity"))
                .andExpect(content().string(containsString("The capacity must be a whole number.")));
        // a browser sends an emptied number field as nothing
        mvc.perform(post("/reps/alice").session(maria).with(csrf())
                        .param("active", "true").param("weight", "").param("capacity", "30"))
                .andExpect(model().attributeHasFieldErrors("repForm", "weight"))
                .andExpect(content().string(containsString("Give a weight from 1 to 100.")))
                .andExpect(content().string(containsString("value=\"30\"")));
        assertThat(rep("alice").weight()).isEqualTo(1);
        assertThat(rep("alice").capacity()).isEqualTo(50);
    }

    @Test
    void leaveIsAddedCheckedAndRemoved() throws Exception {
        MockHttpSession maria = SignIn.as(mvc, "maria");
        mvc.perform(post("/reps/dave/leave").session(maria).with(csrf())
                        .param("from", "2026-12-24").param("to", "2026-12-31"))
                .andExpect(redirectedUrl("/reps/dave"));
        assertThat(rep("dave").leave()).containsExactly(new Leave(LocalDate.of(2026, 12, 24), LocalDate.of(2026, 12, 31)));

        mvc.perform(post("/reps/dave/leave").session(maria).with(csrf())
                        .param("from", "2027-01-10").param("to", "2027-01-03"))
                .andExpect(status().isOk()).andExpect(view().name(RepPageController.FORM))
                .andExpect(model().attributeHasFieldErrors("leaveForm", "to"))
                .andExpect(content().string(containsString("The last day must not be before the first day.")));
        mvc.perform(post("/reps/dave/leave").session(maria).with(csrf()).param("to", "2027-01-03"))
                .andExpect(model().attributeHasFieldErrors("leaveForm", "from"));
        assertThat(rep("dave").leave()).hasSize(1);

        mvc.perform(get("/reps/dave").session(maria))
                .andExpect(content().string(containsString("2026-12-24 \u2013 2026-12-31")));
        mvc.perform(post("/reps/dave/leave/remove").session(maria).with(csrf())
                        .param("from", "2026-12-24").param("to", "2026-12-31"))
                .andExpect(redirectedUrl("/reps/dave"));
        assertThat(rep("dave").leave()).isEmpty();
    }

    @Test
    void onlyManagersOfTheTeamGetThePage() throws Exception {
        mvc.perform(get("/reps")).andExpect(status().is3xxRedirection());
        MockHttpSession alice = SignIn.as(mvc, "alice");
        mvc.perform(get("/reps").session(alice)).andExpect(status().isForbidden());
        mvc.perform(post("/reps/bob").session(alice).with(csrf()).param("weight", "9").param("capacity", "9"))
                .andExpect(status().isForbidden());
        MockHttpSession maria = SignIn.as(mvc, "maria");
        mvc.perform(post("/reps/alice").session(maria).param("weight", "9").param("capacity", "9"))
                .andExpect(status().isForbidden());
        mvc.perform(get("/reps/nobody").session(maria)).andExpect(status().isNotFound());
        assertThat(rep("bob").weight()).isEqualTo(1);
        assertThat(rep("alice").weight()).isEqualTo(1);
    }
}

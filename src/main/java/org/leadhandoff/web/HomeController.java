package org.leadhandoff.web;

import org.leadhandoff.security.CurrentUser;
import org.leadhandoff.security.Roles;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The signed-in person's start page: reps their inbox, managers their escalations, ops and admins links. */
@Controller
class HomeController {

    private final CurrentUser currentUser;

    HomeController(CurrentUser currentUser) {
        this.currentUser = currentUser;
    }

    @GetMapping("/")
    String home() {
        if (currentUser.hasRole(Roles.MANAGER)) {
            return "redirect:/escalations";
        }
        if (currentUser.hasRole(Roles.REP)) {
            return "redirect:/inbox";
        }
        return "home/links";
    }
}

package org.leadhandoff.notify;

import org.leadhandoff.security.CurrentUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;

/** The bell in every page's header and the list behind it. */
@Controller
class BellController {

    private final Bell bell;
    private final CurrentUser currentUser;

    BellController(Bell bell, CurrentUser currentUser) {
        this.bell = bell;
        this.currentUser = currentUser;
    }

    /** The bell with its unread count, polled by htmx from every page. */
    @GetMapping("/notifications/bell")
    String bell(Model model) {
        model.addAttribute("unread", bell.unread(currentUser.name()));
        return "notify/notifications :: bell";
    }

    @GetMapping("/notifications")
    String notifications(Model model) {
        model.addAttribute("notices", bell.latest(currentUser.name()));
        model.addAttribute("unread", bell.unread(currentUser.name()));
        return "notify/notifications";
    }

    @PostMapping("/notifications/read")
    String markAllRead() {
        bell.markAllRead(currentUser.name());
        return "redirect:/notifications";
    }
}

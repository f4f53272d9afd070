package org.leadhandoff.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The signed-in person's start page. */
@Controller
class HomeController {

    @GetMapping("/")
    String home() {
        return "home";
    }
}

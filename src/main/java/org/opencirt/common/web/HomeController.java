package org.opencirt.common.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The start page after login; features add their own tiles through the navigation. */
@Controller
public class HomeController {

    @GetMapping("/")
    public String home() {
        return "home";
    }
}

package org.consentledger.ledger.console;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The auditor's console: static pages that hold no data and sign in with a token the auditor types, served with
 * the evidence format's own JavaScript verifier, so the page checks bundles with the same code an auditor runs.
 */
@Configuration(proxyBeanMethods = false)
class ConsolePages implements WebMvcConfigurer {

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/console", "/console/");
        registry.addViewController("/console/").setViewName("forward:/console/index.html");
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        // Copied from docs/evidence-format/ by the build: one verifier for Node.js and for the browser.
        registry.addResourceHandler("/console/lib/**").addResourceLocations("classpath:/evidence-format/");
    }
}

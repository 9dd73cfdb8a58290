package org.consentledger.ledger.demo;

import io.swagger.v3.oas.annotations.Hidden;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The demo banner's page and the sites it shows, served only with {@code ledger.demo.enabled}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "ledger.demo", name = "enabled", havingValue = "true")
class DemoPages implements WebMvcConfigurer {

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/demo", "/demo/");
        registry.addViewController("/demo/").setViewName("forward:/demo/index.html");
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/demo/**").addResourceLocations("classpath:/demo-page/");
    }

    /** Each seed site's publishable key and the notice its banner shows; nothing a page could not read anyway. */
    @RestController
    @Hidden
    @ConditionalOnProperty(prefix = "ledger.demo", name = "enabled", havingValue = "true")
    static class DemoSites {

        private final DemoSetup setup;

        DemoSites(DemoSetup setup) {
            this.setup = setup;
        }

        @GetMapping("/demo/sites.json")
        List<DemoSetup.DemoSite> sites() {
            return setup.sites();
        }
    }
}

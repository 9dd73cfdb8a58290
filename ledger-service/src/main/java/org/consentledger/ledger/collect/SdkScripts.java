package org.consentledger.ledger.collect;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The browser SDK is public code: any page may load it, also as an ES module from another origin, which browsers
 * fetch with CORS.
 */
@Configuration(proxyBeanMethods = false)
class SdkScripts implements WebMvcConfigurer {

    @Override
    public void addCorsMappings(CorsRegistry registry) {
        registry.addMapping("/sdk/**").allowedOrigins("*").allowedMethods("GET", "HEAD");
    }
}

package org.opencirt.common.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Describes the API and its two ways to authenticate in the OpenAPI document at /v3/api-docs. */
@Configuration
public class OpenApiConfig {

    @Bean
    OpenAPI openCirtApi() {
        return new OpenAPI()
                .info(new Info().title("OpenCIRT API").version("v1")
                        .description("Constituency, responsibility lookup, identity and audit of a national CIRT. "
                                + "Errors are RFC 9457 problem documents.")
                        .license(new License().name("Apache-2.0")))
                .components(new Components()
                        .addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").description("Personal API token from POST /api/v1/tokens"))
                        .addSecuritySchemes("basic", new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("basic")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"))
                .addSecurityItem(new SecurityRequirement().addList("basic"));
    }
}

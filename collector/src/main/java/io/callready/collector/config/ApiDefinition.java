package io.callready.collector.config;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** OpenAPI document header and the bearer schemes; all resources are still discovered automatically. */
@OpenAPIDefinition(
        info = @Info(title = "CallReady collector API", version = "1",
                description = "Tenants, staff tokens, enrollment, probe plans, result ingest and result queries. Errors are application/problem+json (RFC 9457)."),
        components = @Components(securitySchemes = {
                @SecurityScheme(securitySchemeName = "admin", type = SecuritySchemeType.HTTP, scheme = "bearer",
                        description = "A staff token with the admin role (see \"staff\"), or the bootstrap admin token"),
                @SecurityScheme(securitySchemeName = "staff", type = SecuritySchemeType.HTTP, scheme = "bearer",
                        description = "A staff API token (POST /api/v1/tokens; role admin or read_only, optionally limited to one customer), "
                                + "or the bootstrap admin token: callready.admin.token, or the generated <data-dir>/admin-token file"),
                @SecurityScheme(securitySchemeName = "agent", type = SecuritySchemeType.HTTP, scheme = "bearer",
                        description = "Agent token returned once by POST /api/v1/enroll (enrollment code) or POST /api/v1/sites/{siteId}/agents")
        }))
public class ApiDefinition extends Application {
}

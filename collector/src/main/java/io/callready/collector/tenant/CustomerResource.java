package io.callready.collector.tenant;

import io.callready.collector.auth.AdminOnly;
import io.callready.collector.problem.Problem;
import io.callready.collector.tenant.TenantViews.CustomerView;
import io.callready.collector.tenant.TenantViews.NameRequest;
import io.callready.collector.tenant.TenantViews.SiteView;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

@Path("/api/v1/customers")
@AdminOnly
@SecurityRequirement(name = "admin")
@Tag(name = "Tenants", description = "Customers, sites and agents (admin token)")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "Missing or wrong admin token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class CustomerResource {
    @Inject
    TenantService tenants;

    @POST
    @Operation(summary = "Create a customer")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CustomerView.class)))
    @APIResponse(responseCode = "400", description = "Name missing or too long",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "A customer with this name exists",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(NameRequest request) {
        CustomerView customer = tenants.createCustomer(Names.require(request));
        return Response.status(Response.Status.CREATED).entity(customer).build();
    }

    @GET
    @Operation(summary = "List customers, by name")
    public List<CustomerView> list() {
        return tenants.customers();
    }

    @POST
    @Path("/{customerId}/sites")
    @Operation(summary = "Create a site of a customer")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SiteView.class)))
    @APIResponse(responseCode = "404", description = "No such customer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The customer has a site with this name",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response createSite(@PathParam("customerId") UUID customerId, NameRequest request) {
        SiteView site = tenants.createSite(customerId, Names.require(request));
        return Response.status(Response.Status.CREATED).entity(site).build();
    }

    @GET
    @Path("/{customerId}/sites")
    @Operation(summary = "List the sites of a customer, by name")
    @APIResponse(responseCode = "404", description = "No such customer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public List<SiteView> sites(@PathParam("customerId") UUID customerId) {
        return tenants.sites(customerId);
    }
}

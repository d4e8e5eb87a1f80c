package io.callready.collector.tenant;

import io.callready.collector.auth.AdminOnly;
import io.callready.collector.auth.StaffOnly;
import io.callready.collector.problem.Problem;
import io.callready.collector.tenant.TenantViews.CustomerView;
import io.callready.collector.tenant.TenantViews.NameRequest;
import io.callready.collector.tenant.TenantViews.SiteView;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
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
@StaffOnly
@SecurityRequirement(name = "staff")
@Tag(name = "Tenants", description = "Customers, sites and agents; reads need any staff token, writes an admin token, both within the token's customer scope")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "Missing, unknown or revoked staff token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "Read-only token writing",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "404", description = "No such customer, or outside the token's customer scope",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class CustomerResource {
    @Inject
    TenantService tenants;

    @POST
    @AdminOnly
    @Operation(summary = "Create a customer", description = "Needs an admin token for all customers.")
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
    @Operation(summary = "List customers the token may see, by name")
    public List<CustomerView> list() {
        return tenants.customers();
    }

    @GET
    @Path("/{customerId}")
    @Operation(summary = "One customer")
    public CustomerView get(@PathParam("customerId") UUID customerId) {
        return tenants.customer(customerId);
    }

    @PATCH
    @Path("/{customerId}")
    @AdminOnly
    @Operation(summary = "Rename a customer")
    @APIResponse(responseCode = "409", description = "A customer with this name exists",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CustomerView rename(@PathParam("customerId") UUID customerId, NameRequest request) {
        return tenants.renameCustomer(customerId, Names.require(request));
    }

    @DELETE
    @Path("/{customerId}")
    @AdminOnly
    @Operation(summary = "Delete a customer that has no sites left", description = "Needs an admin token for all customers.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "409", description = "The customer still has sites",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public void delete(@PathParam("customerId") UUID customerId) {
        tenants.deleteCustomer(customerId);
    }

    @POST
    @Path("/{customerId}/sites")
    @AdminOnly
    @Operation(summary = "Create a site of a customer")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SiteView.class)))
    @APIResponse(responseCode = "409", description = "The customer has a site with this name",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response createSite(@PathParam("customerId") UUID customerId, NameRequest request) {
        SiteView site = tenants.createSite(customerId, Names.require(request));
        return Response.status(Response.Status.CREATED).entity(site).build();
    }

    @GET
    @Path("/{customerId}/sites")
    @Operation(summary = "List the sites of a customer, by name")
    public List<SiteView> sites(@PathParam("customerId") UUID customerId) {
        return tenants.sites(customerId);
    }
}

package io.callready.collector.report;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;

/**
 * The page a share link opens, with no other credential. Unknown and malformed tokens get the same 404 page;
 * revoked and expired ones a 410 page that names neither site nor customer. {@code ?format=pdf} redirects to the
 * page: the PDF is the browser's print (the page carries an A4 print stylesheet).
 */
@Path("/r/{token}")
@Tag(name = "Readiness report")
public class SharedReportResource {
    static final String HTML = "text/html;charset=utf-8";

    @Inject
    ReportService reports;

    @GET
    @Produces(HTML)
    @Operation(summary = "The readiness report of a share link (HTML)")
    public Response page(@PathParam("token") String token, @QueryParam("format") String format) {
        ReportService.Opened opened = reports.open(token);
        if (opened instanceof ReportService.Opened.Page page) {
            if ("pdf".equals(format)) {
                return secured(Response.seeOther(URI.create("/r/" + token))).build();
            }
            return secured(Response.ok(page.html(), HTML)).build();
        }
        if (opened instanceof ReportService.Opened.Gone gone) {
            return secured(Response.status(410).entity(StatusPage.html("Report no longer available", gone.why()))
                    .type(HTML)).build();
        }
        return secured(Response.status(404).entity(StatusPage.html("Report not found",
                "There is no report at this address. Check the link, or ask for a new one.")).type(HTML)).build();
    }

    /** No caching by proxies, no token in a Referer, nothing loaded from elsewhere. */
    private static Response.ResponseBuilder secured(Response.ResponseBuilder r) {
        return r.header("Cache-Control", "no-store").header("Referrer-Policy", "no-referrer")
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:");
    }
}

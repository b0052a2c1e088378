package org.sim2word.gateway.image;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.sim2word.gateway.api.ApiException;

/** Faces uploaded ahead of an evaluation, which then names them by id. */
@Path("/v1/images")
public class ImageResource {
    private final ImageUploads uploads;
    private final ImageCatalog catalog;

    public ImageResource(ImageUploads uploads, ImageCatalog catalog) {
        this.uploads = uploads;
        this.catalog = catalog;
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    public Response upload(@RestForm("file") FileUpload file) {
        List<String> problems = new ArrayList<>();
        DecodedImage face = uploads.read("file", file, problems).orElseThrow(() -> ApiException.badRequest(problems));
        ImageCatalog.Added added = catalog.add(face);
        Response.Status status = added.created() ? Response.Status.CREATED : Response.Status.OK;
        return Response.status(status).entity(ImageView.of(added.image())).build();
    }
}

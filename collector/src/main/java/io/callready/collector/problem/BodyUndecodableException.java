package io.callready.collector.problem;

import java.io.IOException;

/** The body is not in its declared Content-Encoding (e.g. gzip declared, plain JSON sent). An IOException so readers pass it through. */
public final class BodyUndecodableException extends IOException {
    private final String encoding;

    BodyUndecodableException(String encoding, IOException cause) {
        super("request body is not valid " + encoding, cause);
        this.encoding = encoding;
    }

    public Problem problem() {
        String message = "is not valid " + encoding + " although Content-Encoding says so; send " + encoding
                + " or drop the Content-Encoding header";
        return Problem.of(400, "The request body " + message, java.util.List.of(new FieldError("body", message)));
    }
}

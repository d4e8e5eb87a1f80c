package io.callready.collector.report;

/** The 404 and 410 pages of share links: fixed text only, nothing from the request or the database. */
final class StatusPage {
    private StatusPage() {
    }

    static String html(String title, String message) {
        return """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>%s</title>
                <style>body { font-family: sans-serif; margin: 48px auto; max-width: 640px; }</style></head>
                <body><h1 id="status">%s</h1><p>%s</p></body></html>
                """.formatted(title, title, message);
    }
}

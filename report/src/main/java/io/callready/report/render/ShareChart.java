package io.callready.report.render;

import io.callready.report.quality.QualityRow;
import io.callready.report.quality.Rating;

import java.util.List;
import java.util.Locale;

/**
 * The quality shares as an inline SVG: one stacked bar per metric and direction (good / acceptable / problematic
 * share of the window's bursts). Drawn here so the page needs no script and no network.
 */
public final class ShareChart {
    static final int WIDTH = 640;
    static final int LABEL_WIDTH = 170;
    static final int BAR_WIDTH = WIDTH - LABEL_WIDTH - 10;
    static final int ROW_HEIGHT = 22;

    private ShareChart() {
    }

    public static String svg(List<QualityRow> rows) {
        int height = ROW_HEIGHT * rows.size() + 24;
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" viewBox=\"0 0 ")
                .append(WIDTH).append(' ').append(height).append("\" width=\"").append(WIDTH).append("\" height=\"")
                .append(height).append("\"><title>Share of bursts good, acceptable and problematic per metric</title>");
        int y = 0;
        for (QualityRow r : rows) {
            s.append("<text x=\"0\" y=\"").append(y + 15).append("\" font-size=\"12\">").append(Html.escape(r.label()))
                    .append("</text>");
            if (r.rating() == Rating.NOT_MEASURED) {
                s.append("<text x=\"").append(LABEL_WIDTH).append("\" y=\"").append(y + 15)
                        .append("\" font-size=\"12\" fill=\"#666\">not measured</text>");
            } else {
                double x = LABEL_WIDTH;
                x = bar(s, x, y, r.goodPct(), "good");
                x = bar(s, x, y, r.acceptablePct(), "acceptable");
                bar(s, x, y, r.problematicPct(), "problematic");
            }
            y += ROW_HEIGHT;
        }
        s.append("<text x=\"").append(LABEL_WIDTH).append("\" y=\"").append(y + 16).append("\" font-size=\"11\">")
                .append("<tspan class=\"good\">■</tspan> good  <tspan class=\"acceptable\">■</tspan> acceptable  ")
                .append("<tspan class=\"problematic\">■</tspan> problematic (share of bursts)</text></svg>");
        return s.toString();
    }

    private static double bar(StringBuilder s, double x, int y, double pct, String band) {
        double w = BAR_WIDTH * pct / 100;
        if (w > 0) {
            s.append(String.format(Locale.ROOT, "<rect class=\"%s\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\">"
                    + "<title>%s %.1f %%</title></rect>", band, x, y + 3, w, ROW_HEIGHT - 6, band, pct));
        }
        return x + w;
    }
}

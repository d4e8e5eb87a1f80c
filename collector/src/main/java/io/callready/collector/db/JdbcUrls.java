package io.callready.collector.db;

import java.util.regex.Pattern;

/** Makes a JDBC URL safe to log. */
public final class JdbcUrls {
    private static final Pattern PASSWORD_PARAM = Pattern.compile("(?i)(password=)[^&;]*");
    private static final Pattern USER_INFO = Pattern.compile("(//[^/@:]*:)[^/@]*@");

    private JdbcUrls() {
    }

    public static String redact(String url) {
        String noParam = PASSWORD_PARAM.matcher(url).replaceAll("$1***");
        return USER_INFO.matcher(noParam).replaceAll("$1***@");
    }
}

package io.callready.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** What both images must satisfy, and what the Helm chart says about them. */
final class ImageChecks {
    /** Key material and credentials an image must never carry (the runtime's public CA store, cacerts, is fine). */
    private static final Pattern SECRET_FILE = Pattern.compile(
            "(?i).*(\\.pem|\\.key|\\.p12|\\.pfx|\\.jks|\\.keystore|id_rsa|id_ecdsa|id_ed25519|\\.pgpass|\\.netrc|"
                    + "\\.env|admin-token|agent\\.token|credentials|credentials\\.json)$");
    private static final Pattern SECRET_ENV = Pattern.compile("(?i).*(PASSWORD|SECRET|TOKEN|CREDENTIAL|PRIVATE).*");
    private static final int SET_ID_BITS = 06000;
    private static final int STICKY = 01000;
    private static final int WRITABLE_BY_OTHERS = 0022;

    private ImageChecks() {
    }

    static Path root() {
        return Path.of(System.getProperty("callready.root", "..")).toAbsolutePath().normalize();
    }

    /** The image tests unpack as root (owners kept) and boot in namespaces; CI runs as root. */
    static void assumeRoot() {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "the image tests unpack and boot images in namespaces: run them as root (CI does)");
    }

    /**
     * Unpacks {@code component/target/component-image.tar} under {@code work}, checks that it is the image the chart
     * runs for that component, and that it passes {@link #assertHardened}.
     */
    static ImageTarball unpackChecked(String component, Path work) throws IOException, InterruptedException {
        ImageTarball image = ImageTarball.unpack(root().resolve(component + "/target/" + component + "-image.tar"), work);
        assertThat(image.repoTag).as("the image the chart runs").isEqualTo(chartValues().get(component).get("image").asText());
        assertHardened(image);
        return image;
    }

    /** helm/callready/values.yaml, the chart's defaults. */
    static JsonNode chartValues() throws IOException {
        return new ObjectMapper(new YAMLFactory()).readTree(root().resolve("helm/callready/values.yaml").toFile());
    }

    /**
     * Non-root user known to /etc/passwd; every file root's and unwritable by others except the user's home and a
     * sticky /tmp; no set-uid or set-gid file; no key or credential file and no secret in the environment; the
     * jlinked runtime; reproducible time stamps (the epoch, as Jib writes them); OCI labels.
     */
    static void assertHardened(ImageTarball image) throws IOException {
        assertThat(image.uid()).as("User of the image").isNotZero();
        assertThat(image.gid()).as("group of the image").isNotZero();
        assertThat(Files.readAllLines(image.rootfs.resolve("etc/passwd"), StandardCharsets.UTF_8))
                .as("/etc/passwd names the image's user").anyMatch(l -> l.split(":")[2].equals(Integer.toString(image.uid())));

        List<String> problems = new ArrayList<>();
        for (Path file : image.files()) {
            int mode = image.mode(file);
            boolean home = file.startsWith("home/nonroot");
            if (!home && image.owner(file) != 0) {
                problems.add(file + " is owned by uid " + image.owner(file));
            }
            if ((mode & SET_ID_BITS) != 0) {
                problems.add(file + " is set-uid or set-gid");
            }
            boolean link = Files.isSymbolicLink(image.rootfs.resolve(file));
            if (!link && (mode & WRITABLE_BY_OTHERS) != 0 && !(file.toString().equals("tmp") && (mode & STICKY) != 0)) {
                problems.add(file + " is writable by group or others (mode " + Integer.toOctalString(mode & 07777) + ")");
            }
            if (SECRET_FILE.matcher(file.getFileName().toString()).matches()) {
                problems.add(file + " looks like key material or a credential");
            }
        }
        assertThat(problems).as("file system of " + image.repoTag).isEmpty();
        assertThat(image.env().keySet()).as("environment of " + image.repoTag).noneMatch(k -> SECRET_ENV.matcher(k).matches());

        Path java = image.rootfs.resolve("opt/java/bin/java");
        assertThat(Files.isRegularFile(java) && (image.mode(Path.of("opt/java/bin/java")) & 0111) != 0)
                .as("the jlinked runtime's java is there and executable").isTrue();
        assertThat(image.rootfs.resolve("opt/java/lib/modules")).isRegularFile();
        assertThat(image.env()).containsEntry("JAVA_HOME", "/opt/java");

        assertThat(image.config.get("created").asText()).as("image creation time").isEqualTo("1970-01-01T00:00:00Z");
        assertThat(((FileTime) Files.getAttribute(java, "lastModifiedTime", LinkOption.NOFOLLOW_LINKS)).toMillis())
                .as("file time stamps: the epoch plus one second").isEqualTo(1000L);

        JsonNode labels = image.container().get("Labels");
        assertThat(labels.path("org.opencontainers.image.title").asText()).startsWith("callready-");
        String tag = image.repoTag.substring(image.repoTag.lastIndexOf(':') + 1);
        assertThat(labels.path("org.opencontainers.image.version").asText()).as("version label").startsWith(tag);
    }

    /** Uid and gid (real, effective, saved, fs) the image's, no supplementary group, no capability, no new privileges. */
    static void assertRunsUnprivileged(String status, int uid, int gid) {
        assertThat(status).contains("Uid:\t" + uid + "\t" + uid + "\t" + uid + "\t" + uid + "\n")
                .contains("Gid:\t" + gid + "\t" + gid + "\t" + gid + "\t" + gid + "\n")
                .containsPattern("Groups:\\s*\\n")
                .contains("CapEff:\t0000000000000000")
                .contains("CapPrm:\t0000000000000000")
                .contains("NoNewPrivs:\t1");
    }

    /** Size of the tarball in MB (the layers are gzipped: what a registry stores and a node pulls). */
    static long megabytes(Path tarball) throws IOException {
        return Math.round(Files.size(tarball) / 1e6);
    }
}

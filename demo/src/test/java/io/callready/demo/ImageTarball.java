package io.callready.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * An image tarball as Jib writes it ({@code docker save} layout: manifest.json, the config JSON, gzipped layer
 * tars), unpacked without any container tool: its layers are extracted in order into one root file system, the way
 * a container runtime lays them out (the images delete nothing, so there are no whiteouts to apply).
 */
final class ImageTarball {
    private static final Duration TAR_TIMEOUT = Duration.ofMinutes(2);

    final Path tarball;
    final String repoTag;
    final JsonNode config;
    final Path rootfs;

    private ImageTarball(Path tarball, String repoTag, JsonNode config, Path rootfs) {
        this.tarball = tarball;
        this.repoTag = repoTag;
        this.config = config;
        this.rootfs = rootfs;
    }

    /** Unpacks {@code tarball} under {@code workDir}: the tarball's files in {@code image/}, the layers in {@code rootfs/}. */
    static ImageTarball unpack(Path tarball, Path workDir) throws IOException, InterruptedException {
        if (!Files.isRegularFile(tarball)) {
            throw new IOException(tarball + " is missing: the images are built by the Maven profile 'images' "
                    + "(./callready test, or ./mvnw -B verify -Pimages)");
        }
        Path image = Files.createDirectories(workDir.resolve("image"));
        Shell.run(TAR_TIMEOUT, "tar", "-xf", tarball.toString(), "-C", image.toString()).ok();
        ObjectMapper json = new ObjectMapper();
        JsonNode manifest = json.readTree(image.resolve("manifest.json").toFile());
        if (manifest.size() != 1) {
            throw new IOException("manifest.json lists " + manifest.size() + " images, expected one");
        }
        JsonNode entry = manifest.get(0);
        List<String> layers = new ArrayList<>();
        entry.get("Layers").forEach(l -> layers.add(l.asText()));
        JsonNode config = json.readTree(image.resolve(entry.get("Config").asText()).toFile());
        Path rootfs = Files.createDirectories(workDir.resolve("rootfs"));
        for (String layer : layers) {
            // as root, tar keeps the layers' owners and modes; Jib's layers carry libarchive's extra header keyword
            Shell.run(TAR_TIMEOUT, "tar", "--warning=no-unknown-keyword", "--same-owner", "-xpzf",
                    image.resolve(layer).toString(), "-C", rootfs.toString()).ok();
        }
        return new ImageTarball(tarball, entry.get("RepoTags").get(0).asText(), config, rootfs);
    }

    /** The container configuration (User, Entrypoint, Cmd, Env, ExposedPorts, Labels, WorkingDir). */
    JsonNode container() {
        return config.get("config");
    }

    List<String> entrypoint() {
        return strings(container().get("Entrypoint"));
    }

    List<String> exposedPorts() {
        List<String> ports = new ArrayList<>();
        container().get("ExposedPorts").fieldNames().forEachRemaining(ports::add);
        return ports;
    }

    /** The image's environment as a map (KEY=value lines). */
    Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        for (String line : strings(container().get("Env"))) {
            int eq = line.indexOf('=');
            env.put(line.substring(0, eq), line.substring(eq + 1));
        }
        return env;
    }

    /** The numeric uid of the image's User ("uid" or "uid:gid"). */
    int uid() {
        return Integer.parseInt(container().get("User").asText().split(":")[0]);
    }

    int gid() {
        String[] user = container().get("User").asText().split(":");
        return Integer.parseInt(user.length > 1 ? user[1] : user[0]);
    }

    String workingDir() {
        JsonNode dir = container().get("WorkingDir");
        return dir == null || dir.asText().isEmpty() ? "/" : dir.asText();
    }

    /** Every path of the root file system, relative to it ("app/quarkus-run.jar"), symbolic links not followed. */
    List<Path> files() throws IOException {
        try (Stream<Path> walk = Files.walk(rootfs)) {
            return walk.filter(p -> !p.equals(rootfs)).map(rootfs::relativize).toList();
        }
    }

    int owner(Path relative) throws IOException {
        return (Integer) Files.getAttribute(rootfs.resolve(relative), "unix:uid", LinkOption.NOFOLLOW_LINKS);
    }

    int mode(Path relative) throws IOException {
        return (Integer) Files.getAttribute(rootfs.resolve(relative), "unix:mode", LinkOption.NOFOLLOW_LINKS);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null) {
            array.forEach(n -> out.add(n.asText()));
        }
        return out;
    }
}

package dev.saga.systemtest;

import dev.saga.testbed.Service;
import dev.saga.testbed.SystemTopology;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;

/**
 * A container that {@code infra/deploy} runs from one of the service images, as the compose file or a Kubernetes
 * manifest declares it: where it is declared, its image, the names of its environment variables (a Secret taken
 * whole counts with its keys), the services it runs, the HTTP paths it is probed on, and its named ports.
 */
record DeployedContainer(String where, String image, Set<String> environment, List<Service> services,
                         Set<String> probePaths, Map<String, Integer> ports) {

    static final String ORCHESTRATOR_IMAGE = "saga/orchestrator";
    static final String LAUNCHER_IMAGE = "saga/participant-launcher";

    static final Path COMPOSE_FILE = Path.of("../deploy/docker-compose.yml");
    static final Path KUBERNETES = Path.of("../deploy/k8s");

    private static final Pattern HEALTH_PATH = Pattern.compile("/actuator/[A-Za-z0-9/_-]+");
    private static final String SERVICES_OPTION = "--services=";

    /** Every container of the compose file and of the Kubernetes manifests that runs a service image. */
    static List<DeployedContainer> all() {
        List<DeployedContainer> containers = new ArrayList<>(fromCompose());
        containers.addAll(fromKubernetes());
        return containers;
    }

    boolean runsOrchestrator() {
        return image.startsWith(ORCHESTRATOR_IMAGE + ":");
    }

    @SuppressWarnings("unchecked")
    static List<DeployedContainer> fromCompose() {
        Map<String, Object> compose = (Map<String, Object>) yaml(COMPOSE_FILE).get(0);
        List<DeployedContainer> containers = new ArrayList<>();
        ((Map<String, Map<String, Object>>) compose.get("services")).forEach((name, service) -> {
            String image = String.valueOf(service.get("image"));
            if (!isServiceImage(image)) {
                return;
            }
            Object healthcheck = service.get("healthcheck");
            Set<String> paths = healthcheck == null ? Set.of()
                    : healthPaths(String.valueOf(((Map<String, Object>) healthcheck).get("test")));
            containers.add(new DeployedContainer(COMPOSE_FILE + " service " + name, image,
                    composeEnvironment(service.get("environment")), servicesOf(image, strings(service.get("command"))),
                    paths, Map.of()));
        });
        return containers;
    }

    @SuppressWarnings("unchecked")
    static List<DeployedContainer> fromKubernetes() {
        List<Map<String, Object>> documents = kubernetesDocuments();
        Map<String, Set<String>> secretKeys = new LinkedHashMap<>();
        for (Map<String, Object> document : documents) {
            if ("Secret".equals(document.get("kind"))) {
                Map<String, Object> data = new LinkedHashMap<>();
                Stream.of("data", "stringData").map(document::get).filter(Map.class::isInstance)
                        .forEach(part -> data.putAll((Map<String, Object>) part));
                secretKeys.put(String.valueOf(((Map<String, Object>) document.get("metadata")).get("name")),
                        data.keySet());
            }
        }
        List<DeployedContainer> containers = new ArrayList<>();
        for (Map<String, Object> document : documents) {
            if (!"Deployment".equals(document.get("kind"))) {
                continue;
            }
            String deployment = String.valueOf(((Map<String, Object>) document.get("metadata")).get("name"));
            Map<String, Object> pod = path(document, "spec", "template", "spec");
            for (Map<String, Object> container : (List<Map<String, Object>>) pod.get("containers")) {
                String image = String.valueOf(container.get("image"));
                if (!isServiceImage(image)) {
                    continue;
                }
                Set<String> environment = new LinkedHashSet<>();
                for (Map<String, Object> variable : list(container.get("env"))) {
                    environment.add(String.valueOf(variable.get("name")));
                }
                for (Map<String, Object> source : list(container.get("envFrom"))) {
                    Map<String, Object> secret = (Map<String, Object>) source.get("secretRef");
                    String name = secret == null ? null : String.valueOf(secret.get("name"));
                    if (name == null || !secretKeys.containsKey(name)) {
                        throw new IllegalStateException(deployment + " takes its environment from " + source
                                + ", which no Secret in " + KUBERNETES + " declares");
                    }
                    String prefix = source.get("prefix") == null ? "" : String.valueOf(source.get("prefix"));
                    secretKeys.get(name).forEach(key -> environment.add(prefix + key));
                }
                Set<String> paths = new LinkedHashSet<>();
                for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                    Map<String, Object> get = path(container, probe, "httpGet");
                    if (get != null) {
                        paths.add(String.valueOf(get.get("path")));
                    }
                }
                Map<String, Integer> ports = new LinkedHashMap<>();
                for (Map<String, Object> port : list(container.get("ports"))) {
                    ports.put(String.valueOf(port.get("name")), (Integer) port.get("containerPort"));
                }
                containers.add(new DeployedContainer(KUBERNETES + " deployment " + deployment, image, environment,
                        servicesOf(image, strings(container.get("args"))), paths, ports));
            }
        }
        return containers;
    }

    /** Every document of every manifest in the Kubernetes folder. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> kubernetesDocuments() {
        try (Stream<Path> files = Files.list(KUBERNETES)) {
            return files.filter(file -> file.toString().endsWith(".yaml")).sorted()
                    .flatMap(file -> yaml(file).stream()).filter(Map.class::isInstance)
                    .map(document -> (Map<String, Object>) document).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isServiceImage(String image) {
        return image.startsWith(ORCHESTRATOR_IMAGE + ":") || image.startsWith(LAUNCHER_IMAGE + ":");
    }

    /** The orchestrator, or the participants the launcher's {@code --services=} names (all without it). */
    private static List<Service> servicesOf(String image, List<String> arguments) {
        if (image.startsWith(ORCHESTRATOR_IMAGE + ":")) {
            return List.of(SystemTopology.orchestrator());
        }
        return arguments.stream().filter(argument -> argument.startsWith(SERVICES_OPTION)).findFirst()
                .map(argument -> Stream.of(argument.substring(SERVICES_OPTION.length()).split(","))
                        .map(String::trim).map(SystemTopology::service).toList())
                .orElse(SystemTopology.participants());
    }

    private static Set<String> healthPaths(String command) {
        Set<String> paths = new LinkedHashSet<>();
        Matcher matcher = HEALTH_PATH.matcher(command);
        while (matcher.find()) {
            paths.add(matcher.group());
        }
        return paths;
    }

    @SuppressWarnings("unchecked")
    private static Set<String> composeEnvironment(Object environment) {
        Set<String> names = new LinkedHashSet<>();
        if (environment instanceof Map<?, ?> map) {
            map.keySet().forEach(key -> names.add(String.valueOf(key)));
        } else if (environment instanceof List<?> entries) {
            entries.forEach(entry -> names.add(String.valueOf(entry).split("=", 2)[0]));
        }
        return names;
    }

    private static List<String> strings(Object value) {
        if (value instanceof List<?> items) {
            return items.stream().map(String::valueOf).toList();
        }
        return value == null ? List.of() : List.of(String.valueOf(value).split("\\s+"));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        return value == null ? List.of() : (List<Map<String, Object>>) value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> path(Map<String, Object> root, String... keys) {
        Map<String, Object> node = root;
        for (String key : keys) {
            if (node == null) {
                return null;
            }
            node = (Map<String, Object>) node.get(key);
        }
        return node;
    }

    private static List<Object> yaml(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            List<Object> documents = new ArrayList<>();
            new Yaml().loadAll(in).forEach(documents::add);
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}

package dev.saga.testbed;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The HTTP ports the services listen on: the ones their configurations give them (8080 for the orchestrator,
 * 8081-8086 for the participants), or all of them shifted by the same offset, so a second system (the
 * bench's) can run beside a demo.
 */
public record HttpPorts(int offset) {

    /** The ports of the services' own configurations. */
    public static final HttpPorts AS_CONFIGURED = new HttpPorts(0);

    public static HttpPorts shiftedBy(int offset) {
        return new HttpPorts(offset);
    }

    public int of(Service service) {
        return service.httpPort() + offset;
    }

    public int of(String service) {
        return of(SystemTopology.service(service));
    }

    /** Service name to port, in the topology's order. */
    public Map<String, Integer> byService() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        SystemTopology.services().forEach(service -> ports.put(service.name(), of(service)));
        return ports;
    }
}

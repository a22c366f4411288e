package dev.saga.testbed;

/**
 * The topology for a shell script: {@code ports [OFFSET]} prints one {@code <port> <service>} line per service,
 * the orchestrator first, with every port shifted by the offset (0 when absent).
 */
public final class TopologyCommand {

    private TopologyCommand() {
    }

    public static void main(String[] args) {
        if (args.length == 0 || !args[0].equals("ports")) {
            System.err.println("usage: TopologyCommand ports [OFFSET]");
            System.exit(2);
        }
        HttpPorts ports = HttpPorts.shiftedBy(args.length > 1 ? Integer.parseInt(args[1]) : 0);
        ports.byService().forEach((service, port) -> System.out.println(port + " " + service));
    }
}

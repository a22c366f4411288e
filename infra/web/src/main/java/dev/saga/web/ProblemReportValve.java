package dev.saga.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Writes, as problem JSON instead of Tomcat's HTML page, every error response nobody else wrote: those of
 * requests Tomcat refused before the application saw them (an encoded slash, a NUL or a broken escape in the
 * path, a malformed request line or header), and any exception that escaped the application. It tells nothing about the
 * server or the cause; the cause is in the log.
 */
public class ProblemReportValve extends ErrorReportValve {

    private final ObjectMapper json;

    ProblemReportValve(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected void report(Request request, Response response, Throwable failure) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean();
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        HttpStatus known = HttpStatus.resolve(status);
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", known == null ? "Error" : known.getReasonPhrase());
        problem.put("status", status);
        problem.put("detail", detail(status));
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(json.writeValueAsString(problem));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The client is gone or the response cannot be written; there is no one left to tell.
            getContainer().getLogger().debug("Could not write the problem response", e);
        }
    }

    static String detail(int status) {
        if (status == HttpStatus.BAD_REQUEST.value()) {
            return "The request was refused before it reached the service: its request line or a header is"
                    + " malformed (for example an encoded slash %2F, a NUL %00 or a broken %-escape in the path,"
                    + " or a NUL in a header)";
        }
        if (status >= 500) {
            return "The request failed in the service; the cause is in its log";
        }
        return "The request was refused with status " + status;
    }
}

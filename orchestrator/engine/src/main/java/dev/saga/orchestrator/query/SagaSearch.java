package dev.saga.orchestrator.query;

import dev.saga.orchestrator.engine.SagaCatalog;
import dev.saga.orchestrator.engine.SagaInstance;
import dev.saga.orchestrator.engine.SagaRepository;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Pages of sagas for operators: filtered, sorted by creation or last change, newest first unless asked. */
@Repository
public class SagaSearch {

    /** What a page is sorted by; the saga id breaks ties, so pages never overlap. */
    public enum SortBy {
        CREATED_AT("created_at"), UPDATED_AT("updated_at");

        private final String column;

        SortBy(String column) {
            this.column = column;
        }
    }

    /** One page of sagas and how many match in all. */
    public record Page(List<SagaInstance> items, long total) {
    }

    private final JdbcTemplate jdbc;
    private final SagaRepository sagas;
    private final SagaCatalog catalog;

    public SagaSearch(JdbcTemplate jdbc, SagaRepository sagas, SagaCatalog catalog) {
        this.jdbc = jdbc;
        this.sagas = sagas;
        this.catalog = catalog;
    }

    public Page find(SagaFilter filter, SortBy sortBy, boolean ascending, int page, int size) {
        List<Object> args = new ArrayList<>();
        String where = where(filter, args);
        Long total = jdbc.queryForObject("SELECT count(*) FROM saga" + where, Long.class, args.toArray());
        String direction = ascending ? " ASC" : " DESC";
        args.add(size);
        args.add((long) page * size);
        List<SagaInstance> items = sagas.select(where + " ORDER BY " + sortBy.column + direction + ", id" + direction
                + " LIMIT ? OFFSET ?", args.toArray());
        return new Page(items, total == null ? 0 : total);
    }

    private String where(SagaFilter filter, List<Object> args) {
        List<String> conditions = new ArrayList<>();
        if (filter.type() != null) {
            conditions.add("type = ?");
            args.add(filter.type());
        }
        if (filter.status() != null) {
            conditions.add("status = ?");
            args.add(filter.status().name());
        }
        if (filter.step() != null) {
            conditions.add("machine_state = ANY(?)");
            args.add(catalog.statesOfStep(filter.step()).toArray(String[]::new));
        }
        if (filter.createdFrom() != null) {
            conditions.add("created_at >= ?");
            args.add(Timestamp.from(filter.createdFrom()));
        }
        if (filter.createdTo() != null) {
            conditions.add("created_at < ?");
            args.add(Timestamp.from(filter.createdTo()));
        }
        if (filter.businessKey() != null) {
            conditions.add("business_key = ?");
            args.add(filter.businessKey());
        }
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }
}

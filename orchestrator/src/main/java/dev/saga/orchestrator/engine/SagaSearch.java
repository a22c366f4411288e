package dev.saga.orchestrator.engine;

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

    public SagaSearch(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Page find(SagaFilter filter, SortBy sortBy, boolean ascending, int page, int size) {
        List<Object> args = new ArrayList<>();
        String where = where(filter, args);
        Long total = jdbc.queryForObject("SELECT count(*) FROM saga" + where, Long.class, args.toArray());
        String direction = ascending ? " ASC" : " DESC";
        args.add(size);
        args.add((long) page * size);
        List<SagaInstance> items = jdbc.query("SELECT " + SagaRepository.COLUMNS + SagaRepository.FROM + where
                + " ORDER BY " + sortBy.column + direction + ", id" + direction + " LIMIT ? OFFSET ?",
                SagaRepository::map, args.toArray());
        return new Page(items, total == null ? 0 : total);
    }

    private static String where(SagaFilter filter, List<Object> args) {
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
            conditions.add("machine_state IN (?, ?)");
            args.add(filter.step());
            args.add(SagaStates.compensating(filter.step()));
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

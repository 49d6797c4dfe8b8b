package org.opencirt.incident.internal;

import static org.opencirt.common.SqlSupport.utc;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.opencirt.incident.Sla;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The sla_holiday table: days off that SLA targets do not count. */
@Repository
public class SlaHolidayRepository {

    private final JdbcClient jdbc;

    public SlaHolidayRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Sla.Holiday> findAll() {
        return jdbc.sql("select holiday_date, name from sla_holiday order by holiday_date")
                .query((rs, n) -> new Sla.Holiday(rs.getObject("holiday_date", LocalDate.class), rs.getString("name")))
                .list();
    }

    public Optional<Sla.Holiday> find(LocalDate date) {
        return jdbc.sql("select holiday_date, name from sla_holiday where holiday_date = ?").param(date)
                .query((rs, n) -> new Sla.Holiday(rs.getObject("holiday_date", LocalDate.class), rs.getString("name")))
                .optional();
    }

    /** Inserts the day or renames it; true when it was new. */
    public boolean put(LocalDate date, String name, String actor, Instant now) {
        if (jdbc.sql("update sla_holiday set name = ? where holiday_date = ?").params(name, date).update() == 1) {
            return false;
        }
        jdbc.sql("insert into sla_holiday (holiday_date, name, created_by, created_at) values (?, ?, ?, ?)")
                .params(date, name, actor, utc(now)).update();
        return true;
    }

    public boolean delete(LocalDate date) {
        return jdbc.sql("delete from sla_holiday where holiday_date = ?").param(date).update() == 1;
    }
}

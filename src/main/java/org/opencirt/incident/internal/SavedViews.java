package org.opencirt.incident.internal;

import static org.opencirt.common.SqlSupport.instant;
import static org.opencirt.common.SqlSupport.utc;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.opencirt.audit.AuditLog;
import org.opencirt.common.InvalidInputException;
import org.opencirt.common.NotFoundException;
import org.opencirt.common.Texts;
import org.opencirt.common.Validation;
import org.opencirt.identity.CurrentUser;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Saved views of the incident list, each user's own: nobody sees, opens or deletes another user's views. Saving and
 * deleting are audited. The query is kept without paging and language, so a view always opens on its first page.
 */
@Service
public class SavedViews {

    /** Query parameters that belong to one visit of the list, not to the view. */
    private static final Set<String> TRANSIENT = Set.of("page", "size", "lang", "_csrf");

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock = Clock.systemUTC();

    public SavedViews(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /** The caller's views, by name. */
    @Transactional(readOnly = true)
    public List<SavedView> mine() {
        return jdbc.sql("select * from saved_view where user_id = ? order by lower(name), id").param(me())
                .query((rs, n) -> new SavedView(rs.getLong("id"), rs.getLong("user_id"), rs.getString("name"),
                        rs.getString("query_string"), instant(rs, "created_at")))
                .list();
    }

    @Transactional
    public SavedView save(SavedView.Input input) {
        long user = me();
        String name = Texts.blankToNull(input.name()) == null ? null : input.name().strip();
        String query = normalise(input.query());
        new Validation().requireText(name, "name", 100).maxLength(query, "query", 2000).throwIfInvalid();
        if (find(name).isPresent()) {
            throw duplicate(name);
        }
        Instant now = clock.instant();
        try {
            jdbc.sql("insert into saved_view (user_id, name, query_string, created_at) values (?, ?, ?, ?)")
                    .params(user, name, query, utc(now)).update();
        } catch (DuplicateKeyException e) {
            throw duplicate(name);
        }
        SavedView saved = find(name).orElseThrow();
        audit.record("CREATE", "saved-view", saved.id(), "saved view '" + name + "' of the incident list", null,
                saved);
        return saved;
    }

    /** Deletes one of the caller's views; another user's view is “not found”. */
    @Transactional
    public void delete(long id) {
        SavedView view = mine().stream().filter(v -> v.id() == id).findFirst()
                .orElseThrow(() -> new NotFoundException("Saved view", id));
        jdbc.sql("delete from saved_view where id = ?").param(id).update();
        audit.record("DELETE", "saved-view", id, "saved view '" + view.name() + "' deleted", view, null);
    }

    /**
     * The list's query string without what belongs to one visit (page, language) and without empty filters, so
     * that two saves of the same filters keep the same text.
     */
    public static String normalise(String query) {
        String text = query == null ? "" : query.strip();
        if (text.startsWith("?")) {
            text = text.substring(1);
        }
        UriComponentsBuilder builder = UriComponentsBuilder.newInstance().query(text);
        var params = builder.build().getQueryParams();
        UriComponentsBuilder clean = UriComponentsBuilder.newInstance();
        params.forEach((key, values) -> {
            if (!TRANSIENT.contains(key)) {
                values.stream().filter(v -> v != null && !v.isEmpty()).forEach(v -> clean.queryParam(key, v));
            }
        });
        String result = clean.build().getQuery();
        return result == null ? "" : result;
    }

    private Optional<SavedView> find(String name) {
        return mine().stream().filter(v -> v.name().equalsIgnoreCase(name)).findFirst();
    }

    private static InvalidInputException duplicate(String name) {
        return new InvalidInputException("name", "you already have a view named '" + name + "'");
    }

    private static long me() {
        return CurrentUser.get().map(CurrentUser::id)
                .orElseThrow(() -> new AccessDeniedException("Saved views belong to a user"));
    }
}

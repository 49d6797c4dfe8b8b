package org.opencirt.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ENISA Reference Security Incident Taxonomy (RSIT), read once from the file shipped with OpenCIRT, so that
 * incidents, events and statistics classify with one vocabulary.
 */
public final class Rsit {

    /** An RSIT type with its class (taxonomy) and display names. */
    public record Type(String taxonomy, String id, String name, String taxonomyName) {
    }

    /** An RSIT class with its types, in the order of the taxonomy. */
    public record TypeClass(String id, String name, List<Type> types) {
    }

    private static final List<TypeClass> CLASSES;
    private static final Map<String, Type> TYPES = new LinkedHashMap<>();

    static {
        List<TypeClass> classes = new ArrayList<>();
        try (InputStream in = Rsit.class.getResourceAsStream("rsit.json")) {
            if (in == null) {
                throw new IllegalStateException("rsit.json is missing from the classpath");
            }
            JsonNode root = JsonMapper.builder().build().readTree(in);
            for (JsonNode rsitClass : root.get("classes")) {
                String classId = rsitClass.get("id").asString();
                String className = rsitClass.get("name").asString();
                List<Type> types = new ArrayList<>();
                for (JsonNode type : rsitClass.get("types")) {
                    Type entry = new Type(classId, type.get("id").asString(), type.get("name").asString(), className);
                    types.add(entry);
                    TYPES.put(entry.id(), entry);
                }
                classes.add(new TypeClass(classId, className, List.copyOf(types)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        CLASSES = List.copyOf(classes);
    }

    private Rsit() {
    }

    public static List<TypeClass> classes() {
        return CLASSES;
    }

    public static Optional<Type> type(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(TYPES.get(id.strip()));
    }

    public static Map<String, Type> types() {
        return Collections.unmodifiableMap(TYPES);
    }

    public static boolean isClass(String id) {
        return CLASSES.stream().anyMatch(c -> c.id().equals(id));
    }
}

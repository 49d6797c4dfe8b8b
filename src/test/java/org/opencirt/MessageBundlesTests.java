package org.opencirt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The UI exists in English and French: every bundle has a French twin with the same keys and placeholders
 * (read as UTF-8, as Spring Boot reads them).
 */
class MessageBundlesTests {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)[^}]*}");

    static Stream<String> bundles() throws IOException {
        return Stream.of(new PathMatchingResourcePatternResolver().getResources("classpath*:i18n/*.properties"))
                .map(Resource::getFilename)
                .filter(name -> !name.matches(".*_[a-z]{2}\\.properties"))
                .map(name -> name.substring(0, name.length() - ".properties".length()));
    }

    @ParameterizedTest
    @MethodSource("bundles")
    void frenchBundleHasEveryKeyWithTheSamePlaceholders(String bundle) {
        Properties english = load("i18n/" + bundle + ".properties");
        Properties french = load("i18n/" + bundle + "_fr.properties");

        assertThat(french.stringPropertyNames()).as("keys of %s_fr", bundle)
                .containsExactlyInAnyOrderElementsOf(english.stringPropertyNames());
        for (String key : english.stringPropertyNames()) {
            assertThat(french.getProperty(key)).as("%s_fr: %s", bundle, key).isNotBlank();
            assertThat(placeholders(french.getProperty(key))).as("placeholders of %s_fr: %s", bundle, key)
                    .isEqualTo(placeholders(english.getProperty(key)));
        }
    }

    private static Set<String> placeholders(String message) {
        Set<String> found = new TreeSet<>();
        Matcher matcher = PLACEHOLDER.matcher(message);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    private static Properties load(String path) {
        Properties properties = new Properties();
        try (InputStream in = MessageBundlesTests.class.getClassLoader().getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}

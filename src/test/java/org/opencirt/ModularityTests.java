package org.opencirt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

class ModularityTests {

    static final ApplicationModules MODULES = ApplicationModules.of(OpenCirtApplication.class);

    @Test
    void modulesOnlyUseEachOthersPublicApiAndHaveNoCycles() {
        MODULES.verify();
    }

    @Test
    void modulesIncludeTheKernelFeatures() {
        assertThat(MODULES.stream().map(module -> module.getIdentifier().toString()))
                .contains("common", "audit", "identity");
    }

    @Test
    void moduleDocumentationIsWrittenToTarget() {
        new Documenter(MODULES).writeDocumentation();

        assertThat(Path.of("target", "spring-modulith-docs", "components.puml")).satisfies(Files::exists);
    }
}

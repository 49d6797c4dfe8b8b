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
                .contains("common", "audit", "identity", "constituency");
    }

    @Test
    void moduleDocumentationIsWrittenToTarget() {
        // diagrams only: the module canvases parse generated Javadoc JSON, which Modulith 2.0.3 cannot always read
        new Documenter(MODULES).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();

        assertThat(Path.of("target", "spring-modulith-docs", "components.puml")).satisfies(Files::exists);
    }
}

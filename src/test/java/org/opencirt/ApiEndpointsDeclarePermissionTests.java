package org.opencirt;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Every endpoint says who may call it: a request-mapped public method of a controller carries
 * {@code @PreAuthorize}, itself or on its class. The URL rules of the security configuration are a second line
 * only; an endpoint added without a decision fails the build here.
 */
class ApiEndpointsDeclarePermissionTests {

    /** Endpoints that must be reachable before logging in, as {@code Class.method}. Keep this list short. */
    static final Set<String> PUBLIC_ENDPOINTS = Set.of(
            "org.opencirt.identity.internal.AccountController.login");

    static final ArchRule ENDPOINTS_DECLARE_PERMISSION = methods()
            .that().arePublic()
            .and().areMetaAnnotatedWith(RequestMapping.class)
            .and().areDeclaredInClassesThat().areMetaAnnotatedWith(Controller.class)
            .and(DescribedPredicate.describe("are not public endpoints", (JavaMethod method) ->
                    !PUBLIC_ENDPOINTS.contains(method.getOwner().getName() + "." + method.getName())))
            .should(declarePreAuthorize())
            .allowEmptyShould(false);

    @Test
    void everyControllerEndpointDeclaresWhoMayCallIt() {
        JavaClasses production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.opencirt");

        ENDPOINTS_DECLARE_PERMISSION.check(production);
    }

    @Test
    void endpointWithoutPreAuthorizeIsReported() {
        JavaClasses fixture = new ClassFileImporter().importClasses(ForgetfulController.class);

        assertThatThrownBy(() -> ENDPOINTS_DECLARE_PERMISSION.check(fixture))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("ForgetfulController.unguarded()")
                .hasMessageNotContaining("ForgetfulController.guarded()");
    }

    private static ArchCondition<JavaMethod> declarePreAuthorize() {
        return new ArchCondition<>("declare @PreAuthorize on the method or its class") {
            @Override
            public void check(JavaMethod method, ConditionEvents events) {
                boolean declared = method.isMetaAnnotatedWith(PreAuthorize.class)
                        || method.getOwner().isMetaAnnotatedWith(PreAuthorize.class);
                events.add(new SimpleConditionEvent(method, declared,
                        method.getFullName() + (declared ? " declares" : " does not declare") + " @PreAuthorize"));
            }
        };
    }

    /** Test fixture; never scanned into a Spring context because it is nested in a test class. */
    @RestController
    static class ForgetfulController {

        @GetMapping("/guarded")
        @PreAuthorize("isAuthenticated()")
        public String guarded() {
            return "ok";
        }

        @GetMapping("/unguarded")
        public String unguarded() {
            return "oops";
        }
    }
}

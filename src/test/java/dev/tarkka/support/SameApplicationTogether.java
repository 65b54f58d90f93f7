package dev.tarkka.support;

import java.util.Comparator;
import java.util.TreeSet;

import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.TestProfile;

/**
 * Test classes that run against the same application next to each other, then by name. Quarkus starts the
 * application again whenever a test class needs other test resources or another profile; for {@code @QuarkusTest}
 * its own orderer groups them, but it leaves {@code @QuarkusIntegrationTest} classes in name order, which restarted
 * the packaged jar before and after each class with fake targets. Quarkus applies this one first
 * ({@code junit.quarkus.orderer.secondary-orderer}, set for failsafe in the pom) and keeps its order within its own
 * groups.
 */
public class SameApplicationTogether implements ClassOrderer {

    @Override
    public void orderClasses(ClassOrdererContext context) {
        context.getClassDescriptors().sort(Comparator.comparing(SameApplicationTogether::application)
                .thenComparing(descriptor -> descriptor.getTestClass().getName()));
    }

    /** The profile and test resources of a class and its superclasses (an IT inherits its test's). */
    private static String application(ClassDescriptor descriptor) {
        TreeSet<String> parts = new TreeSet<>();
        for (Class<?> type = descriptor.getTestClass(); type != null; type = type.getSuperclass()) {
            for (WithTestResource resource : type.getDeclaredAnnotationsByType(WithTestResource.class)) {
                parts.add(resource.value().getName());
            }
            TestProfile profile = type.getDeclaredAnnotation(TestProfile.class);
            if (profile != null) {
                parts.add("profile " + profile.value().getName());
            }
        }
        return parts.size() + " " + parts; // fewest first: the store alone before the store with fakes
    }
}

package org.dndguard;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a public member of a supported type that is not supported API: it is public only because
 * DND Guard's own code in another package calls it (Java has no "friend" packages), and it may change
 * in any release, as everything in a package named {@code internal} may. JUnit marks such members
 * {@code @API(status = INTERNAL)} for the same reason.
 *
 * <p>On a record component it covers the accessor and the canonical constructor's parameter.
 * {@code ArchitectureTest} lets a member (or a parameter) so marked name an internal type; no other.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.CONSTRUCTOR, ElementType.FIELD, ElementType.PARAMETER})
public @interface InternalApi {
}
